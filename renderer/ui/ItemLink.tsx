import { useAppStore } from '../state/app-store';

/** Opens an item's page: a button styled as a link, since it changes the view rather than the address. */
export function ItemLink({ id, title }: { id: string; title: string }) {
  const showView = useAppStore((s) => s.showView);
  return (
    <button type="button" className="link-button" onClick={() => showView('item', id)}>
      {title}
    </button>
  );
}
