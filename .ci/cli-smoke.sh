#!/usr/bin/env bash
# End-to-end smoke test: the real AWS CLI (v1, from PyPI) against `pc-inbox emulator`.
#
# Usage: .ci/cli-smoke.sh [PATH_TO_PC_INBOX_BINARY]   (default: <repo>/target/debug/pc-inbox)
#
# The AWS CLI is installed into a Python venv at $PC_INBOX_VENV
# (default: ~/.cache/pc-inbox-awscli-venv) unless it is already there.
# The AWS CLI never reads the real ~/.aws: config and credentials files are /dev/null and the
# emulator's key pairs (test/test, and partner2/partner2 for the second account's steps) are
# passed through the environment.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${1:-$ROOT/target/debug/pc-inbox}"
SEED="$ROOT/assets/seed.json"
# Synthetic received invitations added on top of the seed, so the full listing spans many pages.
GENERATE=12
PAGE_SIZE=7
VENV="${PC_INBOX_VENV:-${HOME:-/tmp}/.cache/pc-inbox-awscli-venv}"

step() { printf '\n== %s\n' "$*"; }
pass() { printf 'PASS  %s\n' "$*"; }
fail() {
    printf 'FAIL  %s\n' "$*" >&2
    exit 1
}

[[ -x "$BIN" ]] || fail "pc-inbox binary '$BIN' does not exist or is not executable (run cargo build first)"
[[ -f "$SEED" ]] || fail "seed file $SEED is missing"
command -v python3 >/dev/null || fail "python3 is required"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/pc-inbox-smoke.XXXXXX")"
EMU_PID=""

cleanup() {
    local rc=$?
    if [[ -n "$EMU_PID" ]] && kill -0 "$EMU_PID" 2>/dev/null; then
        kill -TERM "$EMU_PID" 2>/dev/null || true
        # Give it up to 5 s for a graceful shutdown, then force.
        for _ in $(seq 50); do
            kill -0 "$EMU_PID" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$EMU_PID" 2>/dev/null; then
            echo "emulator (pid $EMU_PID) ignored SIGTERM; killing it" >&2
            kill -KILL "$EMU_PID" 2>/dev/null || true
        fi
        wait "$EMU_PID" 2>/dev/null || true
    fi
    exec 3<&-
    if [[ $rc -ne 0 && -s "$WORK/emulator.err" ]]; then
        echo "--- emulator stderr (last 40 lines) ---" >&2
        tail -n 40 "$WORK/emulator.err" >&2 || true
    fi
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Small JSON helper: `json FILE 'python expression over d'` prints the expression's value.
json() {
    python3 - "$1" "$2" <<'PY'
import json, sys
with open(sys.argv[1]) as f:
    d = json.load(f)
v = eval(sys.argv[2], {"d": d})
print(v if not isinstance(v, (dict, list)) else json.dumps(v))
PY
}

# ---------------------------------------------------------------------------------------------
step "AWS CLI in $VENV"
start=$SECONDS
if [[ ! -x "$VENV/bin/aws" ]]; then
    python3 -m venv "$VENV" || fail "cannot create a Python venv at $VENV (is python3-venv installed?)"
    "$VENV/bin/python" -m pip install --quiet awscli || fail "pip install awscli failed"
fi
has_service() {
    # Recent AWS CLI v1 releases vendor botocore as awscli.botocore; older ones depend on it.
    "$VENV/bin/python" - <<'PY'
import sys
try:
    from awscli.botocore import session
except ImportError:
    from botocore import session
s = session.get_session()
if "partnercentral-selling" not in s.get_available_services():
    sys.exit(1)
# The operations the steps below use; older releases predate some of them.
needed = {"StartEngagementFromOpportunityTask", "ListEngagementFromOpportunityTasks",
          "CreateOpportunity", "UpdateOpportunity", "ListEngagementMembers"}
sys.exit(0 if needed <= set(s.get_service_model("partnercentral-selling").operation_names) else 1)
PY
}
if ! has_service; then
    echo "the AWS CLI in $VENV predates partnercentral-selling or its operations; upgrading"
    "$VENV/bin/python" -m pip install --quiet --upgrade awscli || fail "pip install --upgrade awscli failed"
    has_service || fail "the AWS CLI in $VENV does not know partnercentral-selling and its operations"
fi
AWS="$VENV/bin/aws"
pass "$("$AWS" --version 2>&1) ($((SECONDS - start)) s)"
# The newest AWS CLI on PyPI vendors an older botocore, whose model predates account-planning
# invitations; the CLI reads the emulator's model (botocore 1.44.18's) from AWS_DATA_PATH instead.
mkdir -p "$WORK/models/partnercentral-selling/2022-07-26"
cp "$ROOT/assets/model/partnercentral-selling-2022-07-26.json" \
    "$WORK/models/partnercentral-selling/2022-07-26/service-2.json"
export AWS_DATA_PATH="$WORK/models"
"$VENV/bin/python" - <<'PY' || fail "the AWS CLI does not read the model from AWS_DATA_PATH"
try:
    from awscli.botocore import session
except ImportError:
    from botocore import session
model = session.get_session().get_service_model("partnercentral-selling")
assert "AccountPlanningInvitation" in model.shape_for("Payload").members
PY
pass "the AWS CLI uses the model in assets/model (AccountPlanningInvitation known)"

# ---------------------------------------------------------------------------------------------
step "start the emulator"
mkfifo "$WORK/emulator.out"
"$BIN" emulator --port 0 --accept-delay-ms 300 --seed "$SEED" --generate "$GENERATE" \
    >"$WORK/emulator.out" 2>"$WORK/emulator.err" &
EMU_PID=$!
# Opening the fifo waits for the emulator's end; it stays open until exit so the emulator never
# writes to a closed pipe.
exec 3<"$WORK/emulator.out"
first_line=""
read_rc=0
IFS= read -r -t 30 first_line <&3 || read_rc=$?
if ((read_rc > 128)); then
    fail "the emulator printed no first line within 30 s"
elif ((read_rc != 0)); then
    fail "the emulator closed its stdout before printing its address (first output: '$first_line')"
fi
[[ "$first_line" =~ ^listening\ on\ (http://127\.0\.0\.1:[0-9]+)$ ]] ||
    fail "unexpected first line from the emulator: '$first_line'"
URL="${BASH_REMATCH[1]}"
pass "emulator pid $EMU_PID listening on $URL"

export AWS_ACCESS_KEY_ID=test
export AWS_SECRET_ACCESS_KEY=test
export AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null
export AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_PAGER=""
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_REGION \
    AWS_ENDPOINT_URL AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING AWS_CA_BUNDLE 2>/dev/null || true

# `pc OUT_FILE operation args...`: runs the CLI, JSON to OUT_FILE, fails the test on error.
pc() {
    local out="$1"
    shift
    if ! "$AWS" --endpoint-url "$URL" --output json partnercentral-selling "$@" >"$out" 2>"$WORK/last.err"; then
        cat "$WORK/last.err" >&2
        fail "aws partnercentral-selling $*"
    fi
}

# `pc_fails EXPECTED_ERROR operation args...`: the CLI must fail with EXPECTED_ERROR in stderr.
pc_fails() {
    local expected="$1"
    shift
    local rc=0
    "$AWS" --endpoint-url "$URL" --output json partnercentral-selling "$@" >"$WORK/neg.out" 2>"$WORK/neg.err" || rc=$?
    if [[ $rc -eq 0 ]]; then
        cat "$WORK/neg.out" >&2
        fail "aws partnercentral-selling $* succeeded; expected $expected"
    fi
    if ! grep -q "($expected)" "$WORK/neg.err"; then
        cat "$WORK/neg.err" >&2
        fail "aws partnercentral-selling $* failed (exit $rc) without $expected"
    fi
}

ISO8601='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:?[0-9]{2})$'

# ---------------------------------------------------------------------------------------------
step "a. list-engagement-invitations"
pc "$WORK/page.json" list-engagement-invitations --catalog AWS --participant-type RECEIVER --max-results 5
python3 - "$WORK/page.json" <<'PY' || fail "--max-results 5 did not return one page of 5 received invitations"
import json, sys
d = json.load(open(sys.argv[1]))
rows = d["EngagementInvitationSummaries"]
assert len(rows) == 5, f"{len(rows)} rows"
assert d.get("NextToken"), "no NextToken although more invitations exist"
assert all(r["ParticipantType"] == "RECEIVER" for r in rows), "a row is not RECEIVER"
PY
pass "list --max-results 5: 5 invitations and a NextToken"

expected_total=$(python3 - "$SEED" "$GENERATE" <<'PY'
import json, sys
seed = json.load(open(sys.argv[1]))
print(sum(i["ParticipantType"] == "RECEIVER" for i in seed["Invitations"]) + int(sys.argv[2]))
PY
)
pc "$WORK/all.json" list-engagement-invitations --catalog AWS --participant-type RECEIVER --page-size "$PAGE_SIZE"
python3 - "$WORK/all.json" "$expected_total" <<'PY' || fail "the paginated listing of all received invitations is wrong"
import json, sys
d = json.load(open(sys.argv[1]))
expected = int(sys.argv[2])
rows = d["EngagementInvitationSummaries"]
ids = [r["Id"] for r in rows]
assert "NextToken" not in d, "the CLI stopped before the last page"
assert len(ids) > 40, f"only {len(ids)} invitations"
assert len(ids) == expected, f"{len(ids)} invitations, expected {expected}"
assert len(set(ids)) == len(ids), "duplicate ids: " + ", ".join(sorted({i for i in ids if ids.count(i) > 1}))
assert all(r["ParticipantType"] == "RECEIVER" for r in rows), "a row is not RECEIVER"
PY
total=$(json "$WORK/all.json" 'len(d["EngagementInvitationSummaries"])')
pass "list all (page size $PAGE_SIZE, CLI pagination): $total received invitations, ids unique"

pc "$WORK/pending.json" list-engagement-invitations --catalog AWS --participant-type RECEIVER \
    --status PENDING --sort SortOrder=ASCENDING,SortBy=InvitationDate
python3 - "$WORK/pending.json" "$WORK/all.json" <<'PY' || fail "the PENDING listing is wrong"
import json, sys
from datetime import datetime
rows = json.load(open(sys.argv[1]))["EngagementInvitationSummaries"]
everything = json.load(open(sys.argv[2]))["EngagementInvitationSummaries"]
assert rows, "no PENDING invitations"
assert all(r["Status"] == "PENDING" for r in rows), "a non-PENDING row"
want = sorted(r["Id"] for r in everything if r["Status"] == "PENDING")
assert sorted(r["Id"] for r in rows) == want, "not the same PENDING set as the full listing"
dates = [datetime.fromisoformat(r["InvitationDate"].replace("Z", "+00:00")) for r in rows]
assert dates == sorted(dates), "not in ascending InvitationDate order"
PY
pending_count=$(json "$WORK/pending.json" 'len(d["EngagementInvitationSummaries"])')
pass "list --status PENDING --sort ascending: $pending_count invitations, ascending by InvitationDate"

# Pick three distinct PENDING invitations from the listing: one the seed lets be accepted
# (no AcceptOutcome, more than 72 h left), one to reject, one to read.
read -r accept_id reject_id get_id < <(python3 - "$WORK/pending.json" "$SEED" <<'PY'
import json, sys
listed = [r["Id"] for r in json.load(open(sys.argv[1]))["EngagementInvitationSummaries"]]
seed = {i["Id"]: i for i in json.load(open(sys.argv[2]))["Invitations"]}
def acceptable(i):
    s = seed.get(i)
    return (s is not None and s["ParticipantType"] == "RECEIVER" and s["Status"] == "PENDING"
            and (s.get("ExpiresInHours") or 0) > 72 and "AcceptOutcome" not in s)
accept = next((i for i in listed if acceptable(i)), None)
others = [i for i in listed if i != accept and "AcceptOutcome" not in seed.get(i, {})]
if accept is None or len(others) < 2:
    sys.exit("not enough suitable PENDING invitations")
print(accept, others[0], others[1])
PY
) || fail "cannot pick PENDING invitations for the next steps"
[[ -n "${get_id:-}" ]] || fail "cannot pick PENDING invitations for the next steps"
echo "      using: get $get_id, reject $reject_id, accept $accept_id"

# ---------------------------------------------------------------------------------------------
step "b. get-engagement-invitation"
pc "$WORK/get.json" get-engagement-invitation --catalog AWS --identifier "$get_id"
python3 - "$WORK/get.json" "$get_id" "$ISO8601" <<'PY' || fail "get-engagement-invitation $get_id answered wrongly"
import json, re, sys
from datetime import datetime
d = json.load(open(sys.argv[1]))
assert d.get("Id") == sys.argv[2], f"Id is {d.get('Id')!r}"
assert d.get("Status") == "PENDING", f"Status is {d.get('Status')!r}"
assert isinstance(d.get("Payload"), dict) and d["Payload"], "no Payload"
date = d.get("InvitationDate", "")
assert re.match(sys.argv[3], date), f"InvitationDate {date!r} is not ISO-8601"
datetime.fromisoformat(date.replace("Z", "+00:00"))
PY
pass "get $get_id: Payload ($(json "$WORK/get.json" 'next(iter(d["Payload"]))')), InvitationDate $(json "$WORK/get.json" 'd["InvitationDate"]')"

pc "$WORK/plans.json" list-engagement-invitations --catalog AWS --participant-type RECEIVER \
    --payload-type AccountPlanningInvitation
plan_id=$(python3 - "$WORK/plans.json" "$SEED" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["EngagementInvitationSummaries"]
seed = json.load(open(sys.argv[2]))["Invitations"]
want = sorted(i["Id"] for i in seed if i["PayloadType"] == "AccountPlanningInvitation")
assert len(want) >= 3, "the seed has fewer than 3 account plans"
assert sorted(r["Id"] for r in rows) == want, f"listed {[r['Id'] for r in rows]}, want {want}"
assert all(r["PayloadType"] == "AccountPlanningInvitation" for r in rows)
print(want[0])
PY
) || fail "list --payload-type AccountPlanningInvitation is wrong"
pc "$WORK/plan.json" get-engagement-invitation --catalog AWS --identifier "$plan_id"
python3 - "$WORK/plan.json" "$SEED" "$plan_id" <<'PY' || fail "get of account plan $plan_id answered wrongly"
import json, sys
d = json.load(open(sys.argv[1]))
seed = {i["Id"]: i for i in json.load(open(sys.argv[2]))["Invitations"]}[sys.argv[3]]
assert d["Payload"] == seed["Payload"], f"{d['Payload']} != {seed['Payload']}"
assert d["Payload"]["AccountPlanningInvitation"]["PreferredContact"]["Timezone"]
PY
read -r typed_id lead_id < <(python3 - "$SEED" <<'PY'
import json, sys
seed = json.load(open(sys.argv[1]))["Invitations"]
typed = next(i["Id"] for i in seed if "OpportunityType" in i["Payload"].get("OpportunityInvitation", {}))
lead = next(i["Id"] for i in seed
            if "ChannelRecommendation" in i.get("EnrichmentContext", {}).get("LeadInsights", {}))
print(typed, lead)
PY
) || fail "the seed has no OpportunityType or ChannelRecommendation"
pc "$WORK/typed.json" get-engagement-invitation --catalog AWS --identifier "$typed_id"
pc "$WORK/lead.json" get-engagement-invitation --catalog AWS --identifier "$lead_id"
python3 - "$WORK/typed.json" "$WORK/lead.json" "$SEED" <<'PY' || fail "OpportunityType or ChannelRecommendation did not round-trip"
import json, sys
typed, lead = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
seed = {i["Id"]: i for i in json.load(open(sys.argv[3]))["Invitations"]}
want = seed[typed["Id"]]["Payload"]["OpportunityInvitation"]["OpportunityType"]
assert typed["Payload"]["OpportunityInvitation"]["OpportunityType"] == want
channel = seed[lead["Id"]]["EnrichmentContext"]["LeadInsights"]["ChannelRecommendation"]
assert lead["EnrichmentContext"]["LeadInsights"]["ChannelRecommendation"] == channel
PY
pass "account plans: listed by PayloadType and read whole ($plan_id); OpportunityType and ChannelRecommendation round-trip"

# ---------------------------------------------------------------------------------------------
step "c. reject-engagement-invitation"
pc "$WORK/reject.json" reject-engagement-invitation --catalog AWS --identifier "$reject_id" \
    --rejection-reason "Unable to support"
pc "$WORK/rejected.json" get-engagement-invitation --catalog AWS --identifier "$reject_id"
status=$(json "$WORK/rejected.json" 'd.get("Status")')
[[ "$status" == REJECTED ]] || fail "after reject, $reject_id has Status $status"
reason=$(json "$WORK/rejected.json" 'd.get("RejectionReason")')
[[ "$reason" == "Unable to support" ]] || fail "after reject, $reject_id has RejectionReason '$reason'"
pass "reject $reject_id: Status REJECTED, RejectionReason '$reason'"

# ---------------------------------------------------------------------------------------------
step "d. start-engagement-by-accepting-invitation-task"
client_token=$(python3 -c 'import uuid; print(uuid.uuid4())')
pc "$WORK/task.json" start-engagement-by-accepting-invitation-task --catalog AWS \
    --identifier "$accept_id" --client-token "$client_token"
task_status=$(json "$WORK/task.json" 'd.get("TaskStatus")')
task_id=$(json "$WORK/task.json" 'd.get("TaskId")')
[[ "$task_status" == IN_PROGRESS ]] || fail "the new task has TaskStatus $task_status, expected IN_PROGRESS"
[[ "$task_id" =~ ^task-[0-9a-z]+$ ]] || fail "the new task has TaskId '$task_id'"
[[ "$(json "$WORK/task.json" 'd.get("EngagementInvitationId")')" == "$accept_id" ]] ||
    fail "the new task is not for $accept_id"
pass "start task for $accept_id: $task_id IN_PROGRESS"

deadline=$((SECONDS + 30))
polls=0
while :; do
    polls=$((polls + 1))
    pc "$WORK/tasks.json" list-engagement-by-accepting-invitation-tasks --catalog AWS --task-identifier "$task_id"
    n=$(json "$WORK/tasks.json" 'len(d["TaskSummaries"])')
    [[ "$n" == 1 ]] || fail "listing task $task_id returned $n tasks"
    task_status=$(json "$WORK/tasks.json" 'd["TaskSummaries"][0].get("TaskStatus")')
    case "$task_status" in
        COMPLETE) break ;;
        IN_PROGRESS) ;;
        *)
            cat "$WORK/tasks.json" >&2
            fail "task $task_id ended with TaskStatus $task_status"
            ;;
    esac
    ((SECONDS < deadline)) || fail "task $task_id still $task_status after 30 s"
    sleep 0.3
done
opportunity=$(json "$WORK/tasks.json" 'd["TaskSummaries"][0].get("OpportunityId")')
[[ "$opportunity" =~ ^O[0-9]+$ ]] || fail "task $task_id is COMPLETE with OpportunityId '$opportunity'"
pass "task $task_id COMPLETE after $polls poll(s): OpportunityId $opportunity"

pc "$WORK/accepted.json" get-engagement-invitation --catalog AWS --identifier "$accept_id"
status=$(json "$WORK/accepted.json" 'd.get("Status")')
[[ "$status" == ACCEPTED ]] || fail "after the task completed, $accept_id has Status $status"
pass "get $accept_id: Status ACCEPTED"

# ---------------------------------------------------------------------------------------------
step "e. create-opportunity, get-opportunity, list-opportunities, update-opportunity"
opp_token=$(python3 -c 'import uuid; print(uuid.uuid4())')
CUSTOMER='{"Account":{"CompanyName":"Aaron Smoke Test Outfitters","Industry":"Retail","WebsiteUrl":"https://www.smoke-outfitters.example.com","Address":{"City":"Dublin","CountryCode":"IE"}}}'
PROJECT='{"Title":"Smoke test store modernisation","CustomerBusinessProblem":"The store systems cannot take the Christmas peak any more.","ExpectedCustomerSpend":[{"Amount":"2500.00","CurrencyCode":"EUR","Frequency":"Monthly","TargetCompany":"AWS"}]}'
create_opportunity() {
    pc "$1" create-opportunity --catalog AWS --client-token "$opp_token" --origin "Partner Referral" \
        --customer "$CUSTOMER" --project "$PROJECT" \
        --life-cycle '{"Stage":"Qualified","TargetCloseDate":"2030-06-30"}'
}
create_opportunity "$WORK/created.json"
opp_id=$(json "$WORK/created.json" 'd.get("Id")')
[[ "$opp_id" =~ ^O[0-9]+$ ]] || fail "create-opportunity returned Id '$opp_id'"
create_opportunity "$WORK/created-again.json"
[[ "$(json "$WORK/created-again.json" 'd.get("Id")')" == "$opp_id" ]] ||
    fail "create-opportunity with the same client token made another opportunity"
pass "create-opportunity: $opp_id (a replay of the same client token returns it)"

pc "$WORK/opp.json" get-opportunity --catalog AWS --identifier "$opp_id"
python3 - "$WORK/opp.json" "$opp_id" <<'PY' || fail "get-opportunity $opp_id answered wrongly"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["Id"] == sys.argv[2], d["Id"]
assert d["Project"]["Title"] == "Smoke test store modernisation", d["Project"]
assert d["LifeCycle"]["Stage"] == "Qualified", d["LifeCycle"]
assert d["LifeCycle"]["ReviewStatus"] == "Pending Submission", d["LifeCycle"]
PY
modified=$(json "$WORK/opp.json" 'd["LastModifiedDate"]')
pass "get-opportunity $opp_id: Qualified, Pending Submission, LastModifiedDate $modified"

pc "$WORK/opps.json" list-opportunities --catalog AWS --life-cycle-stage Qualified \
    --sort SortBy=CustomerCompanyName,SortOrder=ASCENDING --page-size 2
python3 - "$WORK/opps.json" "$opp_id" <<'PY' || fail "list-opportunities answered wrongly"
import json, sys
d = json.load(open(sys.argv[1]))
rows = d["OpportunitySummaries"]
ids = [r["Id"] for r in rows]
assert "NextToken" not in d, "the CLI stopped before the last page"
assert len(rows) > 2, f"only {len(rows)} Qualified opportunities"
assert len(set(ids)) == len(ids), "duplicate ids"
assert sys.argv[2] in ids, "the new opportunity is not listed"
assert all(r["LifeCycle"]["Stage"] == "Qualified" for r in rows), "a row is not Qualified"
names = [r["Customer"]["Account"]["CompanyName"].lower() for r in rows]
assert names == sorted(names), f"not sorted by company name: {names}"
PY
pass "list-opportunities (page size 2, CLI pagination): $(json "$WORK/opps.json" 'len(d["OpportunitySummaries"])') Qualified, by company name"

update_opportunity() {
    pc "$1" update-opportunity --catalog AWS --identifier "$opp_id" --last-modified-date "$2" \
        --customer "$CUSTOMER" --project "$PROJECT" \
        --life-cycle '{"Stage":"Technical Validation","TargetCloseDate":"2030-06-30","NextSteps":"Architecture review"}'
}
update_opportunity "$WORK/updated.json" "$modified"
new_modified=$(json "$WORK/updated.json" 'd["LastModifiedDate"]')
[[ "$new_modified" != "$modified" ]] || fail "update-opportunity did not change LastModifiedDate"
pc "$WORK/opp.json" get-opportunity --catalog AWS --identifier "$opp_id"
[[ "$(json "$WORK/opp.json" 'd["LifeCycle"]["Stage"]')" == "Technical Validation" ]] ||
    fail "after update-opportunity, $opp_id is not in Technical Validation"
pc_fails ConflictException update-opportunity --catalog AWS --identifier "$opp_id" \
    --last-modified-date "$modified" --life-cycle '{"Stage":"Qualified"}'
pass "update-opportunity: Technical Validation, LastModifiedDate $new_modified; a stale date is a ConflictException"

# ---------------------------------------------------------------------------------------------
step "f. start-engagement-from-opportunity-task, list-engagement-from-opportunity-tasks"
# `submit OPPORTUNITY OUT_FILE`: starts a task, checks it is IN_PROGRESS, and polls until it ends.
submit() {
    local token
    token=$(python3 -c 'import uuid; print(uuid.uuid4())')
    pc "$WORK/submit.json" start-engagement-from-opportunity-task --catalog AWS --identifier "$1" \
        --client-token "$token" --aws-submission InvolvementType=Co-Sell,Visibility=Full
    local id status
    id=$(json "$WORK/submit.json" 'd.get("TaskId")')
    status=$(json "$WORK/submit.json" 'd.get("TaskStatus")')
    [[ "$id" =~ ^task-[0-9a-z]{13}$ ]] || fail "the new task has TaskId '$id'"
    [[ "$status" == IN_PROGRESS ]] || fail "the new task has TaskStatus $status"
    [[ "$(json "$WORK/submit.json" 'd.get("OpportunityId")')" == "$1" ]] || fail "task $id is not for $1"
    local deadline=$((SECONDS + 30))
    while :; do
        pc "$2" list-engagement-from-opportunity-tasks --catalog AWS --task-identifier "$id"
        status=$(json "$2" 'd["TaskSummaries"][0]["TaskStatus"]')
        [[ "$status" == IN_PROGRESS ]] || break
        ((SECONDS < deadline)) || fail "task $id still IN_PROGRESS after 30 s"
        sleep 0.3
    done
}
submit "$opp_id" "$WORK/submitted.json"
[[ "$(json "$WORK/submitted.json" 'd["TaskSummaries"][0]["TaskStatus"]')" == COMPLETE ]] ||
    fail "submitting $opp_id did not complete: $(cat "$WORK/submitted.json")"
engagement=$(json "$WORK/submitted.json" 'd["TaskSummaries"][0].get("EngagementId")')
[[ "$engagement" =~ ^eng-[0-9a-z]{14}$ ]] || fail "the completed task has EngagementId '$engagement'"
pc "$WORK/engagement.json" get-engagement --catalog AWS --identifier "$engagement"
[[ "$(json "$WORK/engagement.json" 'd.get("Title")')" == "Smoke test store modernisation" ]] ||
    fail "engagement $engagement does not have the project's title"
pc "$WORK/opp.json" get-opportunity --catalog AWS --identifier "$opp_id"
[[ "$(json "$WORK/opp.json" 'd["LifeCycle"]["ReviewStatus"]')" == Submitted ]] ||
    fail "after the task completed, $opp_id is not Submitted"
pass "submit $opp_id: COMPLETE with engagement $engagement; the opportunity is Submitted"

invalid_id=$(python3 - "$SEED" <<'PY'
import json, sys
seed = json.load(open(sys.argv[1]))
print(next(o["Id"] for o in seed["Opportunities"]
           if "CountryCode" not in o["Opportunity"]["Customer"]["Account"].get("Address", {})))
PY
) || fail "the seed has no opportunity without a country"
submit "$invalid_id" "$WORK/invalid.json"
python3 - "$WORK/invalid.json" <<'PY' || fail "submitting $invalid_id did not fail with OpportunityValidationFailed"
import json, sys
t = json.load(open(sys.argv[1]))["TaskSummaries"][0]
assert t["TaskStatus"] == "FAILED", t
assert t["ReasonCode"] == "OpportunityValidationFailed", t
assert "CountryCode" in t["Message"], t
PY
pass "submit $invalid_id (no country): FAILED, OpportunityValidationFailed"

pc "$WORK/all-tasks.json" list-engagement-from-opportunity-tasks --catalog AWS \
    --sort SortBy=StartTime,SortOrder=ASCENDING --page-size 1
python3 - "$WORK/all-tasks.json" "$opp_id" "$invalid_id" <<'PY' || fail "list-engagement-from-opportunity-tasks answered wrongly"
import json, sys
d = json.load(open(sys.argv[1]))
assert "NextToken" not in d, "the CLI stopped before the last page"
assert [t["OpportunityId"] for t in d["TaskSummaries"]] == sys.argv[2:], d
PY
pc "$WORK/failed-tasks.json" list-engagement-from-opportunity-tasks --catalog AWS --task-status FAILED
[[ "$(json "$WORK/failed-tasks.json" '[t["OpportunityId"] for t in d["TaskSummaries"]]')" == "[\"$invalid_id\"]" ]] ||
    fail "--task-status FAILED did not list exactly the failed task"
pass "list-engagement-from-opportunity-tasks: both tasks in start order (page size 1); --task-status FAILED filters"
# ---------------------------------------------------------------------------------------------
step "g. list-engagement-members"
engagement=$(json "$SEED" 'next(e["Id"] for e in d["Engagements"] if e["CreatedBy"] == d["Accounts"][0]["AwsAccountId"] and len(e["Members"]) > 1)')
pc "$WORK/members.json" list-engagement-members --catalog AWS --identifier "$engagement" --page-size 1
python3 - "$WORK/members.json" "$SEED" "$engagement" <<'PY' || fail "list-engagement-members $engagement answered wrongly"
import json, sys
d = json.load(open(sys.argv[1]))
seed = json.load(open(sys.argv[2]))
want = next(e["Members"] for e in seed["Engagements"] if e["Id"] == sys.argv[3])
got = d["EngagementMemberList"]
assert "NextToken" not in d, "the CLI stopped before the last page"
assert [m["AccountId"] for m in got] == [m["AccountId"] for m in want], f"members {got}"
assert all(m.get("CompanyName") for m in got), "a member without CompanyName"
PY
members=$(json "$WORK/members.json" 'len(d["EngagementMemberList"])')
pc "$WORK/engagement.json" get-engagement --catalog AWS --identifier "$engagement"
[[ "$(json "$WORK/engagement.json" 'd.get("MemberCount")')" == "$members" ]] ||
    fail "get-engagement $engagement: MemberCount is not the $members members listed"
pass "list members of $engagement (page size 1, CLI pagination): $members, as MemberCount says"
pc_fails ResourceNotFoundException list-engagement-members --catalog AWS --identifier eng-00000000000000
pass "members of an unknown engagement: ResourceNotFoundException"

# ---------------------------------------------------------------------------------------------
step "h. the second partner account (partner2)"
partner2=$(json "$SEED" 'd["Accounts"][1]["AwsAccountId"]')
pc "$WORK/smoke-eng.json" create-engagement --catalog AWS --client-token smoke-engagement \
    --title "Smoke test engagement" --description "Created by the AWS CLI smoke test"
smoke_engagement=$(json "$WORK/smoke-eng.json" 'd["Id"]')
cat >"$WORK/invitation.json" <<JSON
{
  "Message": "Could you deliver the migration with us?",
  "Receiver": {"Account": {"AwsAccountId": "$partner2"}},
  "Payload": {"OpportunityInvitation": {
    "ReceiverResponsibilities": ["Services Partner"],
    "Customer": {"CompanyName": "Brightwater Utilities", "CountryCode": "US",
                 "Industry": "Energy - Power and Utilities",
                 "WebsiteUrl": "https://www.brightwater.example"},
    "Project": {"Title": "Meter data lake on AWS", "TargetCompletionDate": "2027-10-31",
                "BusinessProblem": "The meter data warehouse cannot keep up with the reads.",
                "ExpectedCustomerSpend": [{"Amount": "18000.00", "CurrencyCode": "USD",
                                           "Frequency": "Monthly", "TargetCompany": "AWS"}]}
  }}
}
JSON
pc "$WORK/invite.json" create-engagement-invitation --catalog AWS --client-token smoke-invite \
    --engagement-identifier "$smoke_engagement" --invitation "file://$WORK/invitation.json"
invite_id=$(json "$WORK/invite.json" 'd["Id"]')
export AWS_ACCESS_KEY_ID=partner2 AWS_SECRET_ACCESS_KEY=partner2
pc "$WORK/p2-received.json" list-engagement-invitations --catalog AWS --participant-type RECEIVER
pc "$WORK/p2-sent.json" list-engagement-invitations --catalog AWS --participant-type SENDER
python3 - "$WORK/p2-received.json" "$WORK/p2-sent.json" "$invite_id" <<'PY' || fail "partner2's invitations are wrong"
import json, sys
received = json.load(open(sys.argv[1]))["EngagementInvitationSummaries"]
sent = json.load(open(sys.argv[2]))["EngagementInvitationSummaries"]
assert [(r["Id"], r["Status"], r["ParticipantType"]) for r in received] == \
    [(sys.argv[3], "PENDING", "RECEIVER")], f"received {received}"
assert sent == [], f"sent {sent}"
PY
pc_fails AccessDeniedException list-engagement-members --catalog AWS --identifier "$engagement"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
pass "as partner2 ($partner2): the invitation $invite_id is RECEIVER and PENDING; another engagement's members: AccessDeniedException"

# ---------------------------------------------------------------------------------------------
step "i. error paths"
pc_fails ResourceNotFoundException get-engagement-invitation --catalog AWS --identifier engi-0000000000000
pass "unknown invitation: ResourceNotFoundException"
AWS_SECRET_ACCESS_KEY=not-the-secret pc_fails InvalidSignatureException \
    get-engagement-invitation --catalog AWS --identifier "$get_id"
pass "wrong secret key: InvalidSignatureException"
AWS_ACCESS_KEY_ID=AKIANOTAREALKEY00000 pc_fails UnrecognizedClientException \
    get-engagement-invitation --catalog AWS --identifier "$get_id"
pass "unknown access key: UnrecognizedClientException"

# ---------------------------------------------------------------------------------------------
step "j. sts get-caller-identity"
# `whoami OUT_FILE`: the caller's identity from the emulator's STS, as JSON in OUT_FILE.
whoami() {
    if ! "$AWS" --endpoint-url "$URL" --output json sts get-caller-identity >"$1" 2>"$WORK/last.err"; then
        cat "$WORK/last.err" >&2
        fail "aws sts get-caller-identity as $AWS_ACCESS_KEY_ID"
    fi
}
whoami "$WORK/me.json"
python3 - "$WORK/me.json" "$SEED" 0 <<'PY' || fail "get-caller-identity as test answered wrongly"
import json, sys
d = json.load(open(sys.argv[1]))
account = json.load(open(sys.argv[2]))["Accounts"][int(sys.argv[3])]
assert d["Account"] == account["AwsAccountId"], d
assert d["Arn"] == f"arn:aws:iam::{account['AwsAccountId']}:user/{account['Alias']}", d
assert d["UserId"].startswith("AIDA"), d
PY
AWS_ACCESS_KEY_ID=partner2 AWS_SECRET_ACCESS_KEY=partner2 whoami "$WORK/p2-me.json"
python3 - "$WORK/p2-me.json" "$SEED" 1 <<'PY' || fail "get-caller-identity as partner2 answered wrongly"
import json, sys
d = json.load(open(sys.argv[1]))
account = json.load(open(sys.argv[2]))["Accounts"][int(sys.argv[3])]
assert d["Account"] == account["AwsAccountId"], d
assert d["Arn"] == f"arn:aws:iam::{account['AwsAccountId']}:user/{account['Alias']}", d
PY
rc=0
AWS_ACCESS_KEY_ID=AKIANOTAREALKEY00000 "$AWS" --endpoint-url "$URL" sts get-caller-identity \
    >"$WORK/neg.out" 2>"$WORK/neg.err" || rc=$?
[[ $rc -ne 0 ]] && grep -q "(InvalidClientTokenId)" "$WORK/neg.err" ||
    fail "get-caller-identity with an unknown key did not fail with InvalidClientTokenId: $(cat "$WORK/neg.err")"
pass "get-caller-identity: $(json "$WORK/me.json" 'd["Arn"]') and $(json "$WORK/p2-me.json" 'd["Arn"]'); an unknown key: InvalidClientTokenId"

kill -0 "$EMU_PID" 2>/dev/null || fail "the emulator died during the test"
printf '\nPASS  AWS CLI smoke test against %s (%d s)\n' "$URL" "$SECONDS"
