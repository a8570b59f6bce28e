import type { ApiError } from '../api/problem';
import { t } from '../i18n';

/**
 * An API error as a person reads it: the title and the server's sentence and, when the
 * problem document lists input errors, a table of them (line, column or field, message).
 */
export function ProblemMessage({ error, heading }: { error: ApiError; heading?: string }) {
  const withLines = error.errors.some((e) => e.line !== undefined || e.column !== undefined);
  return (
    <div className="problem" role="alert">
      <p className="problem-title">
        <strong>{heading ?? error.title}</strong>
        {error.status > 0 && <span className="muted"> (HTTP {error.status})</span>}
      </p>
      <p>{error.detail}</p>
      {error.errors.length > 0 && (
        <InputProblemsTable caption={t.plural(error.errors.length, '{n} problem', '{n} problems')} problems={error.errors} withLines={withLines} />
      )}
    </div>
  );
}

export function InputProblemsTable({
  caption,
  problems,
  withLines = true,
}: {
  caption: string;
  problems: readonly { line?: number; column?: string; field?: string; message: string }[];
  withLines?: boolean;
}) {
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="problems stack">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {withLines && <th scope="col">{t('Line')}</th>}
            <th scope="col">{withLines ? t('Column') : t('Field')}</th>
            <th scope="col">{t('Message')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              {withLines && <td className="num" data-label={t('Line')}>{p.line ?? ''}</td>}
              <td data-label={withLines ? t('Column') : t('Field')}>
                <code>{p.column ?? p.field ?? ''}</code>
              </td>
              <td data-label={t('Message')}>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
