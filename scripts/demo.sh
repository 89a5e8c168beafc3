#!/usr/bin/env bash
# The main job on the bundled sample: build marsad, extract the sample's
# records, store them in an embedded archive, and show what the archive
# answers. Usage: scripts/demo.sh [DATA_DIR]   (default: ./marsad-data)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-./marsad-data}"
cargo build --release --quiet -p marsad-cli
bin=target/release/marsad
echo "== marsad extract data/sample/articles.jsonl (first record, abridged)"
"$bin" extract data/sample/articles.jsonl | head -1 | python3 -c '
import json, sys
r = json.loads(sys.stdin.readline())
print(json.dumps({k: r[k] for k in ("id", "title", "published")}, ensure_ascii=False))
for e in r["events"]:
    print(json.dumps(e, ensure_ascii=False))
' 2>/dev/null || "$bin" extract data/sample/articles.jsonl | head -1
echo
echo "== marsad ingest data/sample/articles.jsonl --data $data"
"$bin" ingest data/sample/articles.jsonl --data "$data"
echo
echo "== marsad events --data $data"
"$bin" events --data "$data"
echo
echo "== marsad search \"غارات\" --data $data"
"$bin" search "غارات" --data "$data"
echo
echo "== marsad stats --data $data"
"$bin" stats --data "$data"
