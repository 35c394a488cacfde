#!/usr/bin/env python3
"""The settlement figures of a generated folder, computed by DuckDB from the same files.

Reads FOLDER/population.csv, the claim files in FOLDER/claims (the project's CSV) and the financier's
answers FOLDER/claims/answers.csv when there are any, and computes what
`capitation settle` computes before budgets and sharing: the eligible population and its exposure, the
reconciliation of every claim line (invalid, duplicate, credit without debit, outside period, outside
population, out of scope, accepted), each member's accepted cost per regime, and the truncation of
members' annual costs. The rules are those of the contract `capitation generate` writes (criteria, scopes,
financiers, truncation at 250,000.00); they are restated here in SQL.

Prints one JSON object of totals to standard output. Usage: duckdb_settle.py FOLDER YEAR THREADS
"""

import json
import sys
from pathlib import Path

import duckdb


def settle(folder: str, year: int, threads: int) -> dict:
    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    period_start, period_end = f"{year}-01-01", f"{year}-12-31"
    con.execute(f"""
        CREATE TEMP TABLE members AS
        WITH roster AS (
            SELECT * FROM read_csv('{folder}/population.csv', header = true, all_varchar = true,
                                   delim = ',', quote = '"')
        ), typed AS (
            SELECT member_id, CAST(birth_date AS DATE) AS birth, postcode, insurer,
                   TRY_CAST(NULLIF(enrolled_from, '') AS DATE) AS enrolled_from,
                   TRY_CAST(NULLIF(enrolled_to, '') AS DATE) AS enrolled_to,
                   TRY_CAST(NULLIF(death_date, '') AS DATE) AS death
            FROM roster
        ), eligible AS (
            SELECT member_id,
                   greatest(DATE '{period_start}', coalesce(enrolled_from, DATE '{period_start}')) AS first_day,
                   least(DATE '{period_end}', coalesce(enrolled_to, DATE '{period_end}'),
                         coalesce(death, DATE '{period_end}')) AS last_day,
                   {year} - year(birth)
                     - CASE WHEN month(birth) > 1 OR day(birth) > 1 THEN 1 ELSE 0 END AS age,
                   TRY_CAST(substr(postcode, 1, 4) AS INTEGER) AS pc4, insurer
            FROM typed
        )
        SELECT member_id, first_day, last_day
        FROM eligible
        WHERE age >= 75 AND pc4 BETWEEN 7100 AND 7199 AND insurer = '3311' AND first_day <= last_day
    """)
    claims = sorted(str(path) for path in Path(folder, "claims").glob("*.csv") if path.name != "answers.csv")
    answers = Path(folder, "claims", "answers.csv")
    con.execute(f"""
        CREATE TEMP TABLE lines AS
        WITH raw AS (
            SELECT * FROM read_csv({claims!r}, header = true, all_varchar = true, delim = ',',
                                   quote = '"', escape = '"', ignore_errors = true, filename = true,
                                   columns = {{'claim_id': 'VARCHAR', 'member_id': 'VARCHAR', 'regime': 'VARCHAR',
                                              'payer': 'VARCHAR', 'provider': 'VARCHAR', 'category': 'VARCHAR',
                                              'product': 'VARCHAR', 'start_date': 'VARCHAR',
                                              'end_date': 'VARCHAR', 'amount': 'VARCHAR',
                                              'debit_credit': 'VARCHAR', 'corrects': 'VARCHAR',
                                              'received_date': 'VARCHAR'}})
        )
        SELECT claim_id, member_id, regime, payer, provider, category, product,
               TRY_CAST(start_date AS DATE) AS start_day, TRY_CAST(end_date AS DATE) AS end_day,
               CAST(round(TRY_CAST(amount AS DECIMAL(18, 2)) * 100) AS BIGINT) AS cents,
               debit_credit AS side, NULLIF(corrects, '') AS corrects
        FROM raw
    """)
    # The financier's answers: a line refused in full takes no further part; of a line approved in part,
    # only the approved amount goes on.
    if answers.exists():
        con.execute(f"""
            CREATE TEMP TABLE answers AS
            SELECT claim_id, provider, debit_credit AS side,
                   CAST(round(CAST(approved_amount AS DECIMAL(18, 2)) * 100) AS BIGINT) AS approved
            FROM read_csv('{answers}', header = true, all_varchar = true, delim = ',', quote = '"')
        """)
        con.execute("""
            CREATE TEMP TABLE answered AS
            SELECT l.* REPLACE (CASE WHEN a.approved < l.cents THEN a.approved ELSE l.cents END AS cents),
                   coalesce(a.approved < l.cents AND a.approved <= 0, false) AS refused
            FROM lines l LEFT JOIN answers a USING (claim_id, provider, side)
        """)
        con.execute("CREATE OR REPLACE TEMP TABLE lines AS SELECT * EXCLUDE (refused) FROM answered WHERE NOT refused")
    # Invalid lines are those the reader refuses; the rest are reconciled per member.
    con.execute("""
        CREATE TEMP TABLE readable AS
        SELECT * FROM lines
        WHERE claim_id <> '' AND member_id <> '' AND regime IN ('Zvw', 'Wmo', 'Wlz') AND payer <> ''
          AND provider <> '' AND category <> '' AND product <> '' AND start_day IS NOT NULL
          AND end_day IS NOT NULL AND end_day >= start_day AND cents IS NOT NULL AND cents >= 0
          AND ((side = 'D' AND corrects IS NULL) OR (side = 'C' AND corrects IS NOT NULL))
    """)
    # Duplicates: one line per member, regime, provider, side and reference is kept.
    con.execute("""
        CREATE TEMP TABLE kept AS
        SELECT * EXCLUDE (rank) FROM (
            SELECT *, row_number() OVER (
                PARTITION BY member_id, regime, provider, side, claim_id
                ORDER BY category, product, start_day, end_day, cents, corrects, payer) AS rank
            FROM readable)
        WHERE rank = 1
    """)
    # Debits: the period, then the population on the start date and the regime's financier, then scope.
    con.execute(f"""
        CREATE TEMP TABLE debits AS
        SELECT k.*, CASE
            WHEN k.start_day NOT BETWEEN DATE '{period_start}' AND DATE '{period_end}' THEN 'outside period'
            WHEN m.member_id IS NULL OR k.start_day NOT BETWEEN m.first_day AND m.last_day
                THEN 'outside population'
            WHEN NOT ((k.regime = 'Zvw' AND k.payer IN ('insurer-a', '3311'))
                   OR (k.regime = 'Wmo' AND k.payer IN ('municipality', '0294'))
                   OR (k.regime = 'Wlz' AND k.payer IN ('zk', '9664'))) THEN 'outside population'
            WHEN NOT ((k.regime = 'Zvw' AND k.category IN ('huisarts', 'wijkverpleging', 'elv', 'grz', 'paramedisch'))
                   OR (k.regime = 'Wmo' AND k.category IN ('huishoudelijke-hulp', 'begeleiding', 'dagbesteding',
                                                            'respijtzorg', 'hulpmiddelen', 'woningaanpassing'))
                   OR (k.regime = 'Wlz' AND (k.product IN ('753', '754', '755', '756') OR k.category = 'vpt')))
                THEN 'out of scope'
            ELSE 'accepted' END AS outcome
        FROM kept k LEFT JOIN members m USING (member_id)
        WHERE k.side = 'D'
    """)
    # Credits net against the debit they correct while its amount covers them (in order of reference),
    # and take its outcome.
    con.execute("""
        CREATE TEMP TABLE credits AS
        SELECT c.*, CASE
            WHEN d.claim_id IS NULL THEN 'credit without its debit'
            WHEN sum(c.cents) OVER (PARTITION BY c.member_id, c.regime, c.provider, c.corrects
                                    ORDER BY c.claim_id) > d.cents THEN 'credit without its debit'
            ELSE d.outcome END AS outcome
        FROM kept c LEFT JOIN debits d
          ON d.member_id = c.member_id AND d.regime = c.regime AND d.provider = c.provider
         AND d.claim_id = c.corrects
        WHERE c.side = 'C'
    """)
    con.execute("""
        CREATE TEMP TABLE member_costs AS
        SELECT member_id, regime, sum(CASE WHEN side = 'D' THEN cents ELSE -cents END) AS cost,
               count(*) AS accepted_lines
        FROM (SELECT member_id, regime, side, cents, outcome FROM debits
              UNION ALL SELECT member_id, regime, side, cents, outcome FROM credits)
        WHERE outcome = 'accepted'
        GROUP BY ALL
    """)
    regimes = {
        regime: {"claimsCents": int(cents), "acceptedLines": int(count)}
        for regime, cents, count in con.execute(
            "SELECT regime, sum(cost), sum(accepted_lines) FROM member_costs GROUP BY regime"
        ).fetchall()
    }
    truncated, truncated_members = con.execute("""
        SELECT coalesce(sum(total - 25000000), 0), count(*)
        FROM (SELECT member_id, sum(cost) AS total FROM member_costs GROUP BY member_id)
        WHERE total > 25000000
    """).fetchone()
    members, exposure = con.execute(
        "SELECT count(*), coalesce(sum(date_diff('day', first_day, last_day) + 1), 0) FROM members"
    ).fetchone()
    read = con.execute("SELECT count(*) FROM lines").fetchone()[0]
    return {
        "members": int(members),
        "exposureDays": int(exposure),
        "regimes": regimes,
        "truncatedCents": int(truncated),
        "membersTruncated": int(truncated_members),
        "linesRead": int(read),
    }


if __name__ == "__main__":
    print(json.dumps(settle(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])), sort_keys=True))
