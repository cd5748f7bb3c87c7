#!/usr/bin/env bash
# The lint step of action.yml: the SARIF report to a file, the human report to the log and the
# job summary, and GitHub annotations; exits with aslint's status (0 OK, 1 FAIL, 2 error).
# Reads ASLINT (the CLI), INPUT_PATHS, INPUT_ARGS, INPUT_SARIF_FILE; writes GITHUB_OUTPUT and
# GITHUB_STEP_SUMMARY when they are set.
set -uo pipefail

read -ra paths <<< "${INPUT_PATHS:-.}"
read -ra args <<< "${INPUT_ARGS:-}"
sarif="${INPUT_SARIF_FILE:-aslint.sarif}"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT

# the SARIF report (its status is the same as the report's below)
node "$ASLINT" "${args[@]}" --format sarif --output-file "$sarif" "${paths[@]}" 2>/dev/null
# the report for people: in the log, and in the job summary
node "$ASLINT" "${args[@]}" --format stylish --no-color --output-file "$report" "${paths[@]}"
status=$?
cat "$report"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  {
    echo "### aslint"
    echo
    echo '```text'
    cat "$report"
    echo '```'
  } >> "$GITHUB_STEP_SUMMARY"
fi
# annotations on the lines at fault (GitHub shows the first ten of each kind per step)
node "$ASLINT" "${args[@]}" --format github "${paths[@]}" 2>/dev/null || true

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  [ -f "$sarif" ] && echo "sarif-file=$sarif" >> "$GITHUB_OUTPUT"
  echo "exit-code=$status" >> "$GITHUB_OUTPUT"
fi
exit "$status"
