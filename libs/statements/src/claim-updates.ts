import { Injectable, Logger } from '@nestjs/common';
import type { ClaimPayment, ClaimStatus } from './claims.repository.js';

/**
 * `claim.updated` (CONTRACT.md "Workflows", notifications): published once a change of a
 * claim's status is committed — a claim made (`open`), accepted, refused or paid — with
 * the parties to tell: the rights holder who claimed and the society whose line it is.
 */
export interface ClaimUpdated {
  event: 'claim.updated';
  /** When the change happened, by the ledger's clock (ISO 8601). */
  at: string;
  data: {
    claimId: string;
    societyId: string;
    rightsHolderId: string;
    submissionId: string;
    lineId: string;
    status: ClaimStatus;
    /** null when the claim was just made. */
    previousStatus: ClaimStatus | null;
    recordedBy: string;
    reason: string | null;
    payment: ClaimPayment | null;
  };
}

export type ClaimUpdatedListener = (update: ClaimUpdated) => void | Promise<void>;

/**
 * The hook point for whoever reacts to claims (the notifications' inbox, webhooks and
 * e-mail): `subscribe` a listener (e.g. in a module's onModuleInit); ClaimsService calls
 * `publish` after each change commits. A listener's failure is logged and never undoes or
 * fails the change: it has happened. In-process only; a listener that must not miss an
 * update across restarts reads the claim_events history instead.
 */
@Injectable()
export class ClaimUpdates {
  private readonly logger = new Logger('ClaimUpdates');
  private readonly listeners = new Set<ClaimUpdatedListener>();

  /** Adds a listener; the function returned removes it. */
  subscribe(listener: ClaimUpdatedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls every listener with the update (their promises are awaited, failures logged). */
  async publish(update: ClaimUpdated): Promise<void> {
    await Promise.all(
      [...this.listeners].map(async (listener) => {
        try {
          await listener(update);
        } catch (error) {
          this.logger.error(`a claim.updated listener failed for claim ${update.data.claimId}: ${(error as Error).stack ?? String(error)}`);
        }
      }),
    );
  }
}
