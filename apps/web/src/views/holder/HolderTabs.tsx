import { PageTabs } from '../../components/PageTabs';
import { useSession } from '../../session';

/** Links between a rights holder's page and statement, for regulators and admins (the holder has them in the main navigation). */
export function HolderTabs({ rightsHolderId }: { rightsHolderId: string }) {
  const { me } = useSession();
  if (me.role === 'rights-holder') return null;
  return (
    <PageTabs
      label="Rights holder pages"
      tabs={[
        [`/rights-holders/${rightsHolderId}`, 'Registry and mandates'],
        [`/rights-holders/${rightsHolderId}/statement`, 'Statement'],
        [`/rights-holders/${rightsHolderId}/claims`, 'Claims'],
      ]}
    />
  );
}
