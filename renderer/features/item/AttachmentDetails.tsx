import type { Response } from '../../../shared/api/contract';
import { messageOf } from '../../state/errors';
import { write } from '../../state/write';
import { DateField } from '../../ui/DateField';
import { useSavedText } from '../../ui/use-saved-text';

type Attachment = Response<'attachments.list'>['attachments'][number];
type Field = 'title' | 'versionLabel' | 'author' | 'source' | 'note';

function TextField({
  attachment,
  field,
  label,
  disabled,
  onSaved,
}: {
  attachment: Attachment;
  field: Field;
  label: string;
  disabled: boolean;
  onSaved: (message: string) => void;
}) {
  const text = useSavedText(attachment[field], async (value) => {
    try {
      await write('attachments.update', { attachmentId: attachment.id, metadata: { [field]: value } });
      onSaved(`Saved ${label.toLowerCase()} of ${attachment.title}`);
      return true;
    } catch (error) {
      onSaved(messageOf(error));
      return false;
    }
  });
  const id = `attachment-${attachment.id}-${field}`;
  return (
    <div className="form-group">
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input"
        value={text.draft}
        disabled={disabled}
        onChange={(e) => text.change(e.target.value)}
        onBlur={text.flush}
      />
    </div>
  );
}

/** An attachment's details, each saved when it changes and recorded in the audit trail. */
export function AttachmentDetails({
  attachment,
  disabled,
  onSaved,
}: {
  attachment: Attachment;
  disabled: boolean;
  onSaved: (message: string) => void;
}) {
  const dateId = `attachment-${attachment.id}-date`;
  return (
    <div className="attachment__details">
      <TextField attachment={attachment} field="title" label="Title" disabled={disabled} onSaved={onSaved} />
      <div className="form-group">
        <DateField
          id={dateId}
          label="Document date"
          hint="The date on the document; empty means date unknown"
          value={attachment.documentDate ?? ''}
          disabled={disabled}
          onCommit={async (iso) => {
            try {
              await write('attachments.update', { attachmentId: attachment.id, metadata: { documentDate: iso } });
              onSaved(`Saved document date of ${attachment.title}`);
            } catch (error) {
              onSaved(messageOf(error));
            }
          }}
        />
      </div>
      <TextField attachment={attachment} field="versionLabel" label="Version" disabled={disabled} onSaved={onSaved} />
      <TextField attachment={attachment} field="author" label="Author" disabled={disabled} onSaved={onSaved} />
      <TextField attachment={attachment} field="source" label="Source" disabled={disabled} onSaved={onSaved} />
      <TextField attachment={attachment} field="note" label="Note" disabled={disabled} onSaved={onSaved} />
    </div>
  );
}
