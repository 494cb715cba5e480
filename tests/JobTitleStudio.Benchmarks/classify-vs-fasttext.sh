#!/usr/bin/env bash
# Whole-command throughput, start-up included: `jts classify` against `fasttext predict` on the O*NET test
# titles repeated 20 times (247,180 rows), both trained on the same O*NET training split.
# Usage: tests/JobTitleStudio.Benchmarks/classify-vs-fasttext.sh [WORK_DIR]   (needs: apt-get install fasttext)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
work=${1:-/tmp/jts-classify-bench}
mkdir -p "$work"
command -v fasttext >/dev/null || { echo "fasttext is missing: apt-get install -y fasttext" >&2; exit 2; }

python3 tests/JobTitleStudio.Benchmarks/onet_split.py "models/source/onet-29.3" "$work/split" >/dev/null
dotnet build -c Release src/JobTitleStudio.Cli -v quiet -nologo >/dev/null
jts=(dotnet src/JobTitleStudio.Cli/bin/Release/net10.0/jts.dll)

# The same training rows for both; fastText gets the lower-cased titles its own tooling expects.
python3 - "$work" <<'PY'
import csv, sys
work = sys.argv[1]
with open(f"{work}/split/train.csv", encoding="utf-8") as f, open(f"{work}/train.txt", "w", encoding="utf-8") as out:
    for row in csv.DictReader(f):
        out.write(f"__label__{row['code']} {' '.join(row['title'].lower().split())}\n")
with open(f"{work}/split/test.csv", encoding="utf-8") as f:
    tests = [row["title"] for row in csv.DictReader(f)]
with open(f"{work}/repeated.csv", "w", newline="", encoding="utf-8") as out:
    w = csv.writer(out); w.writerow(["title"])
    for _ in range(20): w.writerows([t] for t in tests)
with open(f"{work}/repeated.txt", "w", encoding="utf-8") as out:
    for _ in range(20): out.writelines(" ".join(t.lower().split()) + "\n" for t in tests)
print(len(tests) * 20, "rows")
PY

[[ -f "$work/onet.jtsm" ]] || "${jts[@]}" train --input "$work/split/train.csv" --title-column title --label-column Occupation=code --model "$work/onet.jtsm"
[[ -f "$work/ft.bin" ]] || fasttext supervised -input "$work/train.txt" -output "$work/ft" -epoch 25 -lr 0.5 -wordNgrams 2 -minn 3 -maxn 5 -dim 100 -thread 2 -loss hs >/dev/null 2>&1

rows=$(( $(wc -l < "$work/repeated.txt") ))
measure() { # name, command...: wall seconds and peak RSS of the whole command
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" >/dev/null 2>"$work/$name.err" || { cat "$work/$name.err" >&2; exit 1; }
  read -r seconds kb < "$work/$name.time"
  printf '%-18s %8.2f s %12.0f rows/s %8.0f MB peak\n' "$name" "$seconds" "$(echo "$rows / $seconds" | bc -l)" "$(echo "$kb / 1024" | bc -l)"
  echo "$seconds" > "$work/$name.seconds"
}
echo "rows: $rows, machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
measure "jts classify" "${jts[@]}" classify --model "$work/onet.jtsm" --input "$work/repeated.csv" --title-column title --output "$work/jts-out.csv" --top 1
measure "fasttext predict" fasttext predict "$work/ft.bin" "$work/repeated.txt" 1
echo "jts speed / fastText speed: $(echo "$(cat "$work/fasttext predict.seconds") / $(cat "$work/jts classify.seconds")" | bc -l | cut -c1-5)x"
