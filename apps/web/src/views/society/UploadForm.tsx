import { type FormEvent, useId, useRef, useState } from 'react';
import { ApiError } from '../../api/problem';
import { rememberSubmission } from '../../api/submissions';
import { PACKAGE_TYPES, type PackageType } from '../../api/types';
import { type UploadProgress, uploadSubmission } from '../../api/upload';
import { ProblemMessage } from '../../components/ProblemMessage';
import { ProgressBar } from '../../components/ProgressBar';
import { saveBlob } from '../../download';
import { todayIso } from '../../format/dates';
import { explainPeriod, previousQuarter, quarterOf } from '../../format/periods';
import { useSession } from '../../session';
import { SubmissionStatus } from './SubmissionStatus';
import { AckDownload } from '../works/AckDownload';
import { Link } from '../../router';
import type { Submission } from '../../api/types';
import { formatInteger, t } from '../../i18n';

type Phase =
  | { phase: 'idle' }
  | { phase: 'uploading'; progress: UploadProgress }
  | { phase: 'accepted'; submissionId: string; duplicate: boolean }
  | { phase: 'refused'; error: ApiError };

/**
 * Upload a quarterly package: choose its type, quarter and file (CSV or JSON Lines); the bar follows the
 * bytes sent, then the submission's own status takes over (validation progress, then the
 * commit or the errors by line and column).
 */
export function UploadForm({ societyId, onUploaded }: { societyId: string; onUploaded(): void }) {
  const { api } = useSession();
  const ids = { type: useId(), period: useId(), periodHint: useId(), periodError: useId(), file: useId(), fileHint: useId() };
  const [type, setType] = useState<PackageType>('distribution-lines');
  const [period, setPeriod] = useState(() => previousQuarter(quarterOf(todayIso())));
  const [periodError, setPeriodError] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [state, setState] = useState<Phase>({ phase: 'idle' });
  const [finished, setFinished] = useState<Submission | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  // The industry formats (issue 16) come as the files the industry writes: no CSV template.
  const industry = (type as string) === 'cwr' || (type as string) === 'dsr';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = fileInput.current?.files?.[0];
    // A CWR file may go without a quarter: the ledger files it under the quarter it is received in.
    const pErr = (type as string) === 'cwr' && period.trim() === '' ? null : explainPeriod(period.trim());
    setPeriodError(pErr);
    setFileError(file ? null : industry ? t('Choose the file to upload') : t('Choose the file to upload (CSV, or JSON Lines: .ndjson or .jsonl)'));
    if (pErr || !file) return;
    setFinished(null);
    setState({ phase: 'uploading', progress: { loaded: 0, total: file.size } });
    try {
      const accepted = await uploadSubmission({
        bearer: api.bearer,
        societyId,
        type,
        period: period.trim() || undefined,
        file,
        onProgress: (progress) => setState({ phase: 'uploading', progress }),
      });
      rememberSubmission(societyId, accepted.id);
      setState({ phase: 'accepted', submissionId: accepted.id, duplicate: accepted.duplicate });
      onUploaded();
    } catch (err) {
      setState({ phase: 'refused', error: err instanceof ApiError ? err : new ApiError(0, t('Upload failed'), String(err)) });
    }
  };

  const [templateError, setTemplateError] = useState<ApiError | null>(null);
  const downloadTemplate = async () => {
    setTemplateError(null);
    try {
      saveBlob(await api.template(type), `${type}.csv`);
    } catch (err) {
      setTemplateError(err instanceof ApiError ? err : new ApiError(0, t('Download failed'), String(err)));
    }
  };

  const busy = state.phase === 'uploading';
  return (
    <form className="upload" onSubmit={submit} noValidate aria-labelledby="upload-heading">
      <h2 id="upload-heading">{t('Upload a quarterly package')}</h2>
      <div className="form-row">
        <label htmlFor={ids.type}>{t('Package type')}</label>
        <select id={ids.type} value={type} onChange={(e) => setType(e.target.value as PackageType)} disabled={busy}>
          {PACKAGE_TYPES.map((p) => (
            <option key={p} value={p}>
              {t(p)}
            </option>
          ))}
        </select>
        {!industry && (
          <button type="button" className="secondary inline" onClick={downloadTemplate}>
            {t('Download the {type} template', { type: t(type) })}
          </button>
        )}
        {templateError && <ProblemMessage error={templateError} heading={t('Could not download the template')} />}
      </div>
      <div className="form-row">
        <label htmlFor={ids.period}>{t('Quarter')}</label>
        <input
          id={ids.period}
          value={period}
          onChange={(e) => setPeriod(e.target.value)}
          aria-describedby={`${ids.periodHint}${periodError ? ` ${ids.periodError}` : ''}`}
          aria-invalid={periodError ? true : undefined}
          inputMode="text"
          autoComplete="off"
          size={8}
          disabled={busy}
        />
        <span id={ids.periodHint} className="hint">
          {(type as string) === 'cwr' ? t('YYYYQn, for example 2025Q1; leave it empty to file the CWR file under the quarter it is received in') : t('YYYYQn, for example 2025Q1')}
        </span>
        {periodError && (
          <span id={ids.periodError} className="field-error">
            {periodError}
          </span>
        )}
      </div>
      <div className="form-row">
        <label htmlFor={ids.file}>{t('Package file')}</label>
        <input
          id={ids.file}
          ref={fileInput}
          type="file"
          accept={
            (type as string) === 'cwr' ? '.v21,.v22,.V21,.V22,.txt,.cwr' : (type as string) === 'dsr' ? '.tsv,.gz,.txt,text/tab-separated-values' : '.csv,text/csv,.ndjson,.jsonl,application/x-ndjson'
          }
          disabled={busy}
          aria-describedby={ids.fileHint}
          aria-invalid={fileError ? true : undefined}
        />
        <span id={ids.fileHint} className="hint">
          {(type as string) === 'cwr'
            ? t('A CWR 2.1 or 2.2 file (for example CW260001MEL_088.V22)')
            : (type as string) === 'dsr'
              ? t('A DDEX DSR flat file, tab-separated (.tsv, or gzip-compressed .tsv.gz)')
              : t('CSV, or JSON Lines (.ndjson, .jsonl)')}
        </span>
        {fileError && <span className="field-error">{fileError}</span>}
      </div>
      <button type="submit" disabled={busy}>
        {busy ? t('Uploading…') : t('Upload')}
      </button>

      {state.phase === 'uploading' && (
        <ProgressBar
          label={t('Upload')}
          value={state.progress.total > 0 ? (100 * state.progress.loaded) / state.progress.total : null}
          detail={t('{sent} of {total} bytes sent', { sent: formatInteger(state.progress.loaded), total: formatInteger(state.progress.total) })}
        />
      )}
      {state.phase === 'refused' && <ProblemMessage error={state.error} heading={t('The upload was refused')} />}
      {state.phase === 'accepted' && (
        <div className="upload-result">
          {state.duplicate && <p>{t('These exact bytes were already submitted for this type and quarter: here is that submission.')}</p>}
          <SubmissionStatus
            submissionId={state.submissionId}
            onFinished={(s) => {
              setFinished(s);
              onUploaded();
            }}
          />
          {finished?.id === state.submissionId && (
            <div className="downloads">
              <AckDownload submission={finished} />
              <Link to={`/submissions/${encodeURIComponent(finished.id)}`}>{t('Open the submission')}</Link>
            </div>
          )}
        </div>
      )}
    </form>
  );
}
