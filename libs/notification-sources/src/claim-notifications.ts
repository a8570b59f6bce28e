import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Notifier } from '../../notifications/src/index.js';
import { type ClaimUpdated, ClaimUpdates } from '../../statements/src/index.js';

/**
 * `claim.updated`: listens to the claims' hook (published once a change of a claim's
 * status is committed) and raises the event: a new claim (`open`) tells the society
 * whose line it is, an answer (accepted, refused, paid) tells the rights holder who
 * claimed. One event per claim and status (its key).
 */
@Injectable()
export class ClaimNotifications implements OnModuleInit {
  constructor(
    private readonly updates: ClaimUpdates,
    private readonly notifier: Notifier,
  ) {}

  onModuleInit(): void {
    this.updates.subscribe((u) => this.raise(u));
  }

  async raise(u: ClaimUpdated): Promise<void> {
    const d = u.data;
    await this.notifier.publish({
      type: 'claim.updated',
      societyId: d.societyId,
      key: `claim.updated:${d.claimId}:${d.status}`,
      at: u.at,
      data: { ...d },
      to: d.status === 'open' ? { societies: [d.societyId] } : { rightsHolders: [d.rightsHolderId] },
    });
  }
}
