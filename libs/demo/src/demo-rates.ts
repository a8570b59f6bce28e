/**
 * The demo's exchange-rate table: RUB and SEK to the euro on the first day of every
 * month of 2024 and 2025 (a statement converts each line with the last rate on or
 * before its day). Deterministic, plausible values; not real market rates.
 */
export function demoRatesCsv(): string {
  const tenThousandths = (units: number) => `0.${String(units).padStart(4, '0')}`;
  const lines = ['date,currency,rate_to_eur'];
  for (let month = 0; month < 24; month++) {
    const day = `${2024 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`;
    // RUB between 0.0095 and 0.0111 EUR, SEK between 0.0850 and 0.0898 EUR.
    lines.push(`${day},RUB,${tenThousandths(95 + ((month * 7) % 17))}`, `${day},SEK,${tenThousandths(850 + ((month * 13) % 49))}`);
  }
  return `${lines.join('\n')}\n`;
}
