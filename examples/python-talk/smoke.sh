#!/bin/sh
# A smoke test of one running implementation of the contract, with curl: a photo and its headers,
# billed exactly once (read back through /billing), 404 for an unknown path, 405 (or 404) for another
# method, /health when it answers. Not the conformance suite (that is `caas conform`): a quick check
# that CI can run against a Python attempt.
#
#   examples/python-talk/smoke.sh http://127.0.0.1:8080 [EXPECTED_X_VARIANT]
#
# Prints one line per check and ends with "N passed, N failed"; exits 1 when a check failed.
set -u
base="${1:?usage: $0 BASE_URL [EXPECTED_X_VARIANT]}"; base="${base%/}"
variant="${2:-}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
passed=0; failed=0

check() { # check NAME CONDITION...
  name="$1"; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}
header() { # header NAME: its value in the last answer's headers
  tr -d '\r' < "$work/headers" | awk -v name="$1" 'BEGIN { IGNORECASE = 1 }
    tolower(substr($0, 1, index($0, ":") - 1)) == tolower(name) { sub(/^[^:]*:[ \t]*/, ""); print; exit }'
}
billing_growth() { # billing_growth BEFORE AFTER FILENAME: "events added in all, events added for FILENAME"
  /usr/bin/python3 -c 'import json, sys
before, after = (json.load(open(path)) for path in sys.argv[1:3])
print(sum(after.values()) - sum(before.values()), after.get(sys.argv[3], 0) - before.get(sys.argv[3], 0))' "$@"
}
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

for _ in $(seq 60); do curl -s -o /dev/null "$base/health" && break; sleep 0.5; done # up to 30 s to start
curl -s -o "$work/warm" "$base/" # the first request may open connections; bill it too, but do not count it
status=$(curl -s -D "$work/headers" -o "$work/photo" -w '%{http_code}' "$base/")
filename="$(header X-Filename)"; dog="$(header X-Dog-Name)"
check "GET / answers 200" test "$status" = 200
check "Content-Type is image/jpeg" sh -c "case '$(header Content-Type)' in image/jpeg*) true;; *) false;; esac"
check "the body is a JPEG" test "$(head -c 3 "$work/photo" | od -An -tx1 | tr -d ' \n')" = ffd8ff
check "X-Filename names a .jpg" sh -c "case '$filename' in *.jpg) true;; *) false;; esac"
check "X-Dog-Name is set" test -n "$dog"
check "Content-Disposition names the dog" test "$(header Content-Disposition)" = "inline; filename=\"$dog.jpg\""
check "X-Request-Id is a UUID" sh -c "echo '$(header X-Request-Id)' | grep -Eq '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'"
if [ -n "$variant" ]; then check "X-Variant is $variant" test "$(header X-Variant)" = "$variant"
else check "X-Variant is set" test -n "$(header X-Variant)"; fi
check "X-Content-Type-Options is nosniff" test "$(header X-Content-Type-Options)" = nosniff
check "Server-Timing has each step's start and the total" sh -c "echo '$(header Server-Timing)' |
  grep -q 'upstream;start=[0-9.]*;dur=[0-9.]*' && echo '$(header Server-Timing)' | grep -q 'billing;start=' &&
  echo '$(header Server-Timing)' | grep -q 'name;start=' && echo '$(header Server-Timing)' | grep -q 'total;dur='"

curl -s -o "$work/billing-before" "$base/billing"
status=$(curl -s -D "$work/headers" -o /dev/null -w '%{http_code}' "$base/dog")
check "GET /dog answers 200" test "$status" = 200
curl -s -o "$work/billing-after" "$base/billing"
growth="$(billing_growth "$work/billing-before" "$work/billing-after" "$(header X-Filename)")"
check "one photo served, one event billed, for its file (/billing grew by: $growth)" test "$growth" = "1 1"

check "an unknown path answers 404" test "$(status "$base/no-such-dog")" = 404
method_status=$(status -X POST "$base/")
check "POST / answers 405 (or 404)" sh -c "test $method_status = 405 || test $method_status = 404"
health_status=$(curl -s -o "$work/health" -w '%{http_code}' "$base/health")
if [ "$health_status" = 404 ]; then echo "skip /health (optional; answered 404)"
else check "/health answers ready JSON" grep -q '"ready":true' "$work/health"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
