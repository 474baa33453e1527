#!/usr/bin/env bash
# Run the shared scorers (../shared/eval) against this checkout and print their RESULT lines.
# Usage: benchmarks/evaluate.sh [dates|quotes|ggt|people|ner|grouping|seed ...]   (default: all)
# With SAVE_PRED=DIR each scorer also keeps newskit's raw output in DIR/TASK.jsonl (to compare two checkouts).
set -uo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${NEWSKIT_SHARED:-$here/../shared}"
py="${PYTHON:-python}"
cmd="$py -m newskit extract --format jsonl"
export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"
save() { [ -n "${SAVE_PRED:-}" ] && mkdir -p "$SAVE_PRED" && echo "--save-pred $SAVE_PRED/$1.jsonl"; }
tasks=("$@"); [ ${#tasks[@]} -eq 0 ] && tasks=(seed dates quotes ggt people ner grouping)
for t in "${tasks[@]}"; do
  case "$t" in
    seed)     out=$($py "$shared/eval/seedcheck.py" "$shared/gold/000_9225da85a51be744.gold.json" --cmd "$cmd") ;;
    dates)    out=$($py "$shared/eval/score.py" dates --data "$shared/eval/data/timebank" --cmd "$cmd" $(save dates)) ;;
    quotes)   out=$($py "$shared/eval/score.py" quotes --data "$shared/eval/data/polnear-dev" --cmd "$cmd" $(save quotes)) ;;
    ggt)      out=$($py "$shared/eval/score.py" quotes --data "$shared/eval/data/ggt-dev" --cmd "$cmd" $(save ggt)) ;;
    people)   out=$($py "$shared/eval/score.py" people --data "$shared/eval/data/ggt-dev" --cmd "$cmd" $(save people)) ;;
    ner)      out=$($py "$shared/eval/score.py" ner --data "$shared/eval/data/conllpp-dev" --cmd "$cmd" $(save ner)) ;;
    grouping) out=$($py "$shared/eval/score.py" grouping --data "$shared/eval/data/gum-news-dev" --cmd "$cmd" $(save grouping)) ;;
    *) echo "unknown task $t" >&2; exit 2 ;;
  esac
  echo "$t: $(printf '%s\n' "$out" | grep '^RESULT' | tail -1)"
done
