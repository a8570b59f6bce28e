/**
 * Search benchmark.
 *
 *   npm run bench:search [-- --rows N] [--holders H] [--works W] [--repeat R] [--explain]
 *
 * Loads H rights holders (default 100,000; half of the names written in Cyrillic, half in
 * Latin), three societies with two committed distribution-lines packages each, N lines
 * in all (default 300,000; one in 97 unidentified, with a name in either script; W works
 * with an ISWC, default 20,000, and titles without one), then:
 *   - reads the packages' works once (works_from_lines), timed;
 *   measured  GET /v1/search's service for each query of QUERIES below, as a regulator
 *             (everything) and as a society, R times each (default 5): the total time;
 *   baseline  the same texts found without the search's indexes, as a LIKE over the
 *             lower-cased names and titles would (holders, societies, every line's
 *             title and name), the way a list filter does it (`?q=` of a package's lines):
 *             the same number of queries, in the same run.
 * ratio = baselineSeconds / seconds (above 1: search is that many times faster than a
 * scan). `--explain` prints EXPLAIN (ANALYZE, BUFFERS) of each kind's statement for one
 * query. The lines are generated in PostgreSQL (INSERT … SELECT generate_series) into
 * partitions made as the ingest makes them, with a constant leaf hash (search reads no
 * hash). PostgreSQL: DATABASE_URL or an embedded one.
 */
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import type { Principal } from '../libs/auth/src/index.js';
import { openDatabase } from '../libs/database/src/index.js';
import { makeIpi, makeIswc } from '../libs/identifiers/src/index.js';
import { parseSearchQuery, SearchService, WorksFromLines } from '../libs/search/src/index.js';
import { SearchRepository } from '../libs/search/src/search.repository.js';
import { createEmptySubmissionPartition } from '../libs/submissions/src/storage/line-partitions.js';
import { romanize } from '../libs/transliteration/src/index.js';
import { benchDatabase, intOption, report, rssSampler, timed } from './support.js';

const FIRST = ['Мария', 'Анна', 'Ольга', 'Елена', 'Наталья', 'Ирина', 'Юлия', 'Ксения', 'Татьяна', 'Светлана', 'Иван', 'Пётр', 'Сергей', 'Алексей', 'Дмитрий', 'Юрий', 'Михаил', 'Фёдор', 'Николай', 'Андрей'];
const STEMS = ['Иван', 'Петр', 'Смирн', 'Кузнец', 'Попов', 'Волк', 'Соколов', 'Лебед', 'Козл', 'Новик', 'Мороз', 'Орл', 'Щерб', 'Хабиб', 'Цвет', 'Чайк', 'Жук', 'Юрь', 'Ёлк', 'Соловь', 'Бел', 'Гром', 'Зайц', 'Медвед', 'Сорок'];
const SUFFIXES = ['ов', 'ова', 'ев', 'ева', 'ин', 'ина', 'ский', 'ская', 'енко', 'ович', 'аков', 'ушкин'];
const WORDS = ['зимняя', 'дорога', 'ночь', 'звезда', 'река', 'песня', 'вечер', 'ветер', 'город', 'море', 'любовь', 'сердце', 'небо', 'осень', 'весна', 'снег', 'огонь', 'свет', 'winter', 'road', 'night', 'river', 'song', 'heart'];

/** What is searched, each as a regulator and as the first society. */
const QUERIES = ['Иванова Мария', 'Ivanova Maria', 'Petrov', 'Щербаков', 'Shcherbakov', 'Chaikovskaya Yuliya', 'Солов', 'iv', 'зимняя дорога', 'Zimnyaya', 'night river', 'L-000123'];

async function main(): Promise<void> {
  const rows = intOption('rows', 300_000);
  const holders = intOption('holders', 100_000);
  const works = intOption('works', 20_000);
  const repeat = intOption('repeat', 5);
  const explain = process.argv.includes('--explain');
  const rss = rssSampler();
  const bench = await benchDatabase('search');
  const ds = await openDatabase(bench.url, { poolSize: 4 });
  try {
    const societies = await load(ds, rows, holders, works);
    const worksFromLines = new WorksFromLines(ds);
    const read = await timed(() => worksFromLines.bringUpToDate());
    const [{ n: workRows }] = await ds.query(`SELECT count(*)::int AS n FROM works_from_lines`);
    process.stdout.write(`works read from ${read.value} packages in ${read.seconds.toFixed(2)} s (${workRows.toLocaleString('en')} works)\n`);

    const service = new SearchService(new SearchRepository(ds), worksFromLines);
    const principals: Principal[] = [
      { role: 'regulator', tokenId: null, label: 'bench regulator' },
      { role: 'society', tokenId: null, label: 'bench society', societyId: societies[0] },
    ];
    // Warm-up: every query once (caches, plans).
    for (const p of principals) for (const q of QUERIES) await service.search(p, { q });
    const samples: { q: string; role: string; ms: number; items: number }[] = [];
    const measured = await timed(async () => {
      for (let r = 0; r < repeat; r++) {
        for (const p of principals) {
          for (const q of QUERIES) {
            const one = await timed(() => service.search(p, { q }));
            samples.push({ q, role: p.role, ms: one.seconds * 1000, items: one.value.items.length });
          }
        }
      }
    });
    for (const q of QUERIES) {
      for (const p of principals) {
        const mine = samples.filter((s) => s.q === q && s.role === p.role).map((s) => s.ms).sort((a, b) => a - b);
        const items = samples.find((s) => s.q === q && s.role === p.role)!.items;
        process.stdout.write(`  ${p.role.padEnd(9)} ${JSON.stringify(q).padEnd(24)} median ${mine[Math.floor(mine.length / 2)].toFixed(1).padStart(7)} ms, worst ${mine[mine.length - 1].toFixed(1).padStart(7)} ms, ${items} items\n`);
      }
    }
    const baseline = await timed(async () => {
      for (let r = 0; r < repeat; r++) for (const _p of principals) for (const q of QUERIES) await scan(ds, q);
    });
    process.stdout.write(`search: ${samples.length} queries in ${measured.seconds.toFixed(2)} s; LIKE scans: ${samples.length} in ${baseline.seconds.toFixed(2)} s\n`);
    if (explain) await explainQueries(ds);
    report({ bench: 'search', rows, seconds: measured.seconds, baseline: 'LIKE scan of holders, societies and every line (same queries)', baselineSeconds: baseline.seconds, rssMb: rss.peakMb() });
  } finally {
    rss.stop();
    await ds.destroy();
    await bench.close();
  }
}

/** The data: holders, societies, packages and their lines. Returns the societies' ids. */
async function load(ds: DataSource, rows: number, holders: number, works: number): Promise<string[]> {
  const started = Date.now();
  const names: string[] = [];
  const ipis: string[] = [];
  for (let h = 0; h < holders; h++) {
    const stem = STEMS[h % STEMS.length];
    const suffix = SUFFIXES[Math.floor(h / STEMS.length) % SUFFIXES.length];
    const first = FIRST[Math.floor(h / (STEMS.length * SUFFIXES.length)) % FIRST.length];
    const cyrillic = `${stem}${suffix}, ${first} ${h}`;
    const name = h % 2 === 0 ? cyrillic : romanize(cyrillic).replace(/(^|\s)\S/g, (c) => c.toUpperCase());
    names.push(name);
    ipis.push(makeIpi(String(200_000_000 + h * 17).padStart(9, '0')));
  }
  for (let from = 0; from < holders; from += 20_000) {
    await ds.query(`INSERT INTO rights_holders (name, ipi, kind, country) SELECT n, i, 'author', 'RU' FROM unnest($1::text[], $2::text[]) AS x(n, i)`, [
      names.slice(from, from + 20_000),
      ipis.slice(from, from + 20_000),
    ]);
  }
  await ds.query(`CREATE UNLOGGED TABLE bench_holders AS SELECT (row_number() OVER (ORDER BY ipi) - 1)::int AS n, id, ipi, name FROM rights_holders`);
  const iswcs = Array.from({ length: works }, (_, w) => makeIswc(String(100_000_000 + w * 11).padStart(9, '0')));
  const titles = Array.from({ length: works }, (_, w) => `${WORDS[w % WORDS.length]} ${WORDS[Math.floor(w / WORDS.length) % WORDS.length]}${w % 3 === 0 ? ` ${WORDS[(w * 7) % WORDS.length]}` : ''}`);
  await ds.query(`CREATE UNLOGGED TABLE bench_works AS SELECT (i - 1)::int AS n, iswc, title FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(iswc, title, i)`, [iswcs, titles]);

  const societies: string[] = [];
  for (const [i, name] of ['Российское авторское общество (bench)', 'Nordic Performers (bench)', 'Союз правообладателей (bench)'].entries()) {
    const [{ id }] = await ds.query(`INSERT INTO societies (name, cisac_code, country, currency, fy_end_month, fy_end_day) VALUES ($1, $2, 'RU', 'RUB', 12, 31) RETURNING id`, [name, `${571 + i}`]);
    societies.push(id);
  }
  const perPackage = Math.ceil(rows / (societies.length * 2));
  let lineNo = 0;
  for (const [s, societyId] of societies.entries()) {
    for (const [k, period] of ['2025Q1', '2025Q2'].entries()) {
      const [{ id }] = await ds.query(
        `INSERT INTO submissions (society_id, type, period, status, sha256, byte_size, storage_path, rows, root, log_index, finished_at)
         VALUES ($1, 'distribution-lines', $2, 'committed', sha256($3::bytea), 0, 'bench', $4, sha256($3::bytea), $5, now()) RETURNING id`,
        [societyId, period, Buffer.from(`${s}/${k}`), perPackage, k],
      );
      const runner = ds.createQueryRunner();
      await createEmptySubmissionPartition(runner, 'distribution_lines', societyId, id).finally(() => runner.release());
      const first = lineNo;
      lineNo += perPackage;
      await ds.query(
        `INSERT INTO distribution_lines (society_id, submission_id, line_no, line_id, rights_holder_id, rights_holder_ipi, rights_holder_name, work_iswc, work_title,
           category, use_type, territory, use_from, use_to, currency, gross, management_fee, other_deductions, net, status, paid_on, mandate_basis, leaf_hash)
         SELECT $1, $2, g - $3 + 1, 'L-' || lpad(g::text, 6, '0'),
                CASE WHEN g % 97 = 0 THEN NULL ELSE h.id END, CASE WHEN g % 97 = 0 THEN NULL ELSE h.ipi END,
                CASE WHEN g % 97 = 0 THEN upper(h.name) ELSE h.name END,
                CASE WHEN g % 5 = 0 THEN NULL ELSE w.iswc END, w.title,
                'performing', 'radio', 'RU', date '2025-01-01', date '2025-03-31', 'RUB', 100, 15, 2, 83,
                CASE WHEN g % 97 = 0 THEN 'unidentified' ELSE 'paid' END, CASE WHEN g % 97 = 0 THEN NULL ELSE date '2025-03-30' END, 'contractual',
                '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea
         FROM generate_series($3::bigint, $4::bigint) AS g
         JOIN bench_holders h ON h.n = (g * 7919) % $5
         JOIN bench_works w ON w.n = (g * 104729) % $6`,
        [societyId, id, first, lineNo - 1, holders, works],
      );
    }
  }
  await ds.query(`DROP TABLE bench_holders; DROP TABLE bench_works`);
  await ds.query(`VACUUM ANALYZE`);
  process.stdout.write(
    `loaded ${holders.toLocaleString('en')} holders, ${works.toLocaleString('en')} works, ${lineNo.toLocaleString('en')} lines in 6 packages (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
  );
  return societies;
}

/** The baseline: the same text found by LIKE over lower-cased names and titles, no index to help. */
async function scan(ds: DataSource, q: string): Promise<void> {
  const like = `%${q.toLowerCase()}%`;
  await ds.query(
    `SELECT 'h', id::text, name FROM rights_holders WHERE lower(name) LIKE $1 OR ipi = $2
     UNION ALL SELECT 's', id::text, name FROM societies WHERE lower(name) LIKE $1
     UNION ALL (SELECT DISTINCT 'w', work_iswc, work_title FROM distribution_lines WHERE lower(work_title) LIKE $1 OR work_iswc = $2)
     UNION ALL SELECT 'l', line_id, rights_holder_name FROM distribution_lines WHERE line_id = $2 OR (status = 'unidentified' AND lower(rights_holder_name) LIKE $1)
     LIMIT 20`,
    [like, q],
  );
}

/** EXPLAIN (ANALYZE, BUFFERS) of each kind's statement, as the repository sends it. */
async function explainQueries(ds: DataSource): Promise<void> {
  const captured: { sql: string; params: unknown[] }[] = [];
  const spy = { query: (sql: string, params: unknown[]) => (captured.push({ sql, params }), Promise.resolve([])) } as unknown as DataSource;
  const repository = new SearchRepository(spy);
  const [society] = (await ds.query(`SELECT id FROM societies ORDER BY cisac_code LIMIT 1`)) as { id: string }[];
  const name = parseSearchQuery('Щербакова');
  const title = parseSearchQuery('зимняя дорога');
  const line = parseSearchQuery('L-000123');
  await repository.holders(name, { all: true }, 20);
  await repository.works(title, null, 20);
  await repository.lines(name, null, 20);
  await repository.lines(line, society.id, 20);
  for (const { sql, params } of captured) {
    const plan: { 'QUERY PLAN': string }[] = await ds.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params);
    process.stdout.write(`\n${sql.replace(/\s+/g, ' ').slice(0, 160)}…\n${plan.map((r) => r['QUERY PLAN']).join('\n')}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
