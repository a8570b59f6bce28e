import type { ReactNode } from 'react';
import type { Claim } from '../api/types';
import { claimStatusLabel, describeAnswer } from '../format/claims';
import { todayIso } from '../format/dates';
import { formatDate, formatMoney, t } from '../i18n';
import { TableScroll } from './Fields';

/**
 * The claims table both sides read (the holder's claims and a society's claims on its
 * unidentified lines): who claims, the line, its net, when, the status and the society's
 * answer. Each side says who its first column names, how the line is shown and what
 * follows the answer (the holder's history; the society's answer buttons).
 */
export function ClaimsTable({
  claims,
  who,
  line,
  afterAnswer,
}: {
  claims: Claim[];
  who: { heading: string; cell(claim: Claim): ReactNode };
  line(claim: Claim): ReactNode;
  afterAnswer(claim: Claim): ReactNode;
}) {
  const today = todayIso();
  return (
    <TableScroll label={t('Claims')}>
      <table className="stack">
        <caption>{t.plural(claims.length, '{n} claim', '{n} claims')}</caption>
        <thead>
          <tr>
            <th scope="col">{who.heading}</th>
            <th scope="col">{t('Line')}</th>
            <th scope="col" className="num">{t('Net')}</th>
            <th scope="col">{t('Claimed on')}</th>
            <th scope="col">{t('Status')}</th>
            <th scope="col">{t('Answer')}</th>
          </tr>
        </thead>
        <tbody>
          {claims.map((c) => (
            <tr key={c.id} data-claim={c.id}>
              <th scope="row" data-label={who.heading}>
                {who.cell(c)}
              </th>
              <td data-label={t('Line')}>{line(c)}</td>
              <td className="num nowrap" data-label={t('Net')}>
                {formatMoney(c.line.net, c.line.currency)}
              </td>
              <td className="nowrap" data-label={t('Claimed on')}>
                {formatDate(c.claimedAt.slice(0, 10))}
              </td>
              <td data-label={t('Status')}>
                <span className={`status status-claim-${c.status}`}>{claimStatusLabel(c.status)}</span>
              </td>
              <td data-label={t('Answer')}>
                <div>
                  <p className="claim-answer">{describeAnswer(c, today)}</p>
                  {afterAnswer(c)}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
