import { useState } from 'react';
import { ApiError } from '../../api/problem';
import type { Submission } from '../../api/types';
import { ackPath } from '../../api/works';
import { ProblemMessage } from '../../components/ProblemMessage';
import { saveBlob } from '../../download';
import { hasAck } from '../../format/works';
import { t } from '../../i18n';
import { useSession } from '../../session';

/** Submissions whose ACK the API answers: any read through (an ACK reports a rejected file too). */
const HAS_ACK = new Set(['committed', 'superseded', 'rejected']);

/** Whether a submission has an ACK file to download (a CWR file, read through). */
export function offersAck(s: Pick<Submission, 'type' | 'status'>): boolean {
  return hasAck(s.type) && HAS_ACK.has(s.status);
}

/**
 * **Download ACK**: a CWR submission's acknowledgement file (`GET /v1/submissions/{id}/ack`,
 * the CISAC status of each transaction), saved under the name the server gives it.
 */
export function AckDownload({ submission: s }: { submission: Pick<Submission, 'id' | 'type' | 'status'> }) {
  const { api } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (!offersAck(s)) return null;
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const file = await api.file(ackPath(s.id));
      saveBlob(file.blob, file.filename ?? `ACK-${s.id}.V22`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, t('Download failed'), String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" onClick={download} disabled={busy} data-testid="download-ack">
        {busy ? t('Preparing the file…') : t('Download ACK')}
      </button>
      {error && <ProblemMessage error={error} heading={t('The download failed')} />}
    </>
  );
}
