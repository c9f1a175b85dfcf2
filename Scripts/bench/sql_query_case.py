#!/usr/bin/env python3
"""A query case of the scale benchmark: one SQL statement on a warehouse, in a process of its own.

Opens DB with Python's sqlite3 (the system libsqlite3 on Debian, the one eduetl links), runs SQL
and fetches every row; prints one JSON line: case, rows, seconds (from the open to the last row
fetched; the driver also times the whole process from outside) and digest, a short hash of the rows
sorted, with floats rounded to 9 significant digits, so that the same query on two warehouses can
be compared (the same county's figures summed in another order differ in the last bits only).

Usage: sql_query_case.py DB SQL
"""
import hashlib
import json
import sqlite3
import sys
import time


def rounded(value):
    return float(f"{value:.9g}") if isinstance(value, float) else value


def main():
    db, sql = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    connection = sqlite3.connect(db)
    try:
        rows = connection.execute(sql).fetchall()
    finally:
        connection.close()
    seconds = time.perf_counter() - start
    text = repr(sorted((tuple(rounded(v) for v in row) for row in rows), key=repr))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    print(json.dumps({"case": "sql-query", "rows": len(rows), "seconds": seconds, "digest": digest}))


if __name__ == "__main__":
    main()
