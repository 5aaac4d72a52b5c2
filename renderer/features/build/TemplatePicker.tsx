import { useState } from 'react';
import { uploadFiles } from '../../api/call';
import { write } from '../../state/write';
import { useApiQuery } from '../../state/use-api-query';
import { useAction } from '../../state/use-action';

/**
 * The council's Word template the pack is built into, remembered for this workspace (a copy is kept in it). A
 * template is a .docx with {{pack}} where the pack's body goes; {{area}}, {{title}}, {{version}}, {{date}} and
 * {{marking}} are filled anywhere in it, its headers and footers included.
 */
export function TemplatePicker({ readOnly }: { readOnly: boolean }) {
  const template = useApiQuery('pack.template', {});
  const { run, problem, busy } = useAction();
  const [status, setStatus] = useState('');

  const choose = async (file: File | undefined) => {
    if (!file) return;
    await run(async () => {
      const [ref] = await uploadFiles([file]);
      const chosen = await write('pack.setTemplate', { file: ref! });
      setStatus(`Packs will be built into ${chosen?.fileName ?? file.name}.`);
    });
  };
  const stop = async () => {
    await run(async () => {
      await write('pack.setTemplate', { file: null });
      setStatus("Packs will be built in the app's own style.");
    });
  };

  const current = template.data;
  return (
    <fieldset className="fieldset" aria-describedby="template-hint">
      <legend className="label">Council template</legend>
      <p className="hint" id="template-hint">
        A Word document (.docx) in your council's style with <code>{'{{pack}}'}</code> where the pack goes. It may also
        hold <code>{'{{area}}'}</code>, <code>{'{{title}}'}</code>, <code>{'{{version}}'}</code>,{' '}
        <code>{'{{date}}'}</code> and <code>{'{{marking}}'}</code>, in its headers and footers too.
      </p>
      {template.error && <p className="error-message">{template.error}</p>}
      {problem && (
        <p className="error-message" role="alert">
          {problem}
        </p>
      )}
      <p>
        {current ? (
          <>
            Built into <strong>{current.fileName}</strong> (placeholders:{' '}
            {current.placeholders.map((p) => `{{${p}}}`).join(', ')}).
          </>
        ) : (
          "Built in the app's own style: no council template is chosen."
        )}
      </p>
      {current && !current.placeholders.includes('marking') && (
        <p className="warning-text">
          <strong>Note:</strong> this template has no {'{{marking}}'}, so its pages will not show the protective marking
          ({'"OFFICIAL-SENSITIVE — DRAFT"'} while a draft). Add it to the template's header to mark every page.
        </p>
      )}
      {!readOnly && (
        <div className="button-row">
          <label className="button button--secondary file-button">
            <input
              type="file"
              className="visually-hidden"
              disabled={busy}
              accept=".docx,.dotx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              onChange={(e) => {
                void choose(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
            {current ? 'Choose another template' : 'Choose a Word template'}
          </label>
          {current && (
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => void stop()}>
              Stop using the template
            </button>
          )}
        </div>
      )}
      <p role="status" className="hint">
        {status}
      </p>
    </fieldset>
  );
}
