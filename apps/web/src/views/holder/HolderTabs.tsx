import { PageTabs } from '../../components/PageTabs';
import { useSession } from '../../session';
import { t } from '../../i18n';

/** Links between a rights holder's page and statement, for regulators and admins (the holder has them in the main navigation). */
export function HolderTabs({ rightsHolderId }: { rightsHolderId: string }) {
  const { me } = useSession();
  if (me.role === 'rights-holder') return null;
  return (
    <PageTabs
      label={t('Rights holder pages')}
      tabs={[
        [`/rights-holders/${rightsHolderId}`, t('Registry and mandates')],
        [`/rights-holders/${rightsHolderId}/statement`, t('Statement')],
        [`/rights-holders/${rightsHolderId}/claims`, t('Claims')],
      ]}
    />
  );
}
