import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../auth/src/index.js';
import { Clock } from '../../../config/src/index.js';
import { decodeCursor, type Page, UUID_KEY } from '../../../database/src/index.js';
import { DomainError } from '../../../errors/src/index.js';
import { SocietiesService } from '../../../registry/src/index.js';
import { type BoardDeclaration, type BoardDeclarationInput, validateDeclaration } from './board-declaration.js';
import { BoardDeclarationsRepository } from './board-declarations.repository.js';

/** The public, for the one question a public list asks of the registry: does the society exist (read-only, every society). */
const PUBLIC_READER: Principal = { role: 'regulator', tokenId: null, label: 'the public (board declarations are public)' };

/**
 * Board members' annual declarations (Art. 10(2)). The society itself or an admin
 * records them, append-only (a second one for the member and year is its next version);
 * anyone reads them, without a token: the general assembly and the public are owed them.
 */
@Injectable()
export class BoardDeclarationsService {
  constructor(
    private readonly declarations: BoardDeclarationsRepository,
    private readonly societies: SocietiesService,
    private readonly clock: Clock,
  ) {}

  async record(principal: Principal, societyId: string, input: BoardDeclarationInput): Promise<BoardDeclaration> {
    const mayWrite = principal.role === 'admin' || (principal.role === 'society' && principal.societyId === societyId);
    if (!mayWrite) throw DomainError.notFound('Society', societyId);
    await this.societies.get(principal, societyId);
    const checked = validateDeclaration(input, Number(this.clock.today().slice(0, 4)));
    if (!checked.ok) throw DomainError.validation('The declaration is invalid', checked.problems);
    if (!(await this.declarations.isBoardMember(societyId, checked.value.memberId))) {
      throw new DomainError('unprocessable', `No board member ${checked.value.memberId} is on record for this society`, [
        { field: 'memberId', message: `${checked.value.memberId} is on neither a committed board package nor the board-members registry of this society` },
      ]);
    }
    return this.declarations.append(societyId, checked.value, `${principal.role}: ${principal.label}`);
  }

  /** Public: the declarations of a society (404 when there is no such society). */
  async list(societyId: string, q: { year?: number; memberId?: string; current?: boolean }, limit: number, cursor?: string): Promise<Page<BoardDeclaration>> {
    await this.societies.get(PUBLIC_READER, societyId);
    return this.declarations.list(societyId, { year: q.year ?? null, memberId: q.memberId ?? null, currentOnly: q.current ?? false }, limit, decodeCursor(cursor, UUID_KEY));
  }
}
