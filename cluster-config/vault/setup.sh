#!/usr/bin/env bash
# Prepares a Vault server for Freeway gateway nodes: a KV v2 mount, the read-only policy, and
# optionally provider keys, Kubernetes auth and an AppRole. Safe to run again: each step checks
# what exists or overwrites it with the same settings, and keys are only written when they changed.
#
# Keys never appear in process arguments or output: they travel through pipes and shell variables
# (printf is a builtin, jq reads environment variables itself). Do not add `set -x`.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: setup.sh [--keys-file FILE] [--keys-from-env] [--kubernetes] [--approle]

Always: enables KV v2 at $FREEWAY_KV_MOUNT if missing and writes the read-only policy.

  --keys-file FILE   write provider keys from a JSON object, one entry per provider id:
                       {"groq": ["gsk_..."], "gemini": [{"value": "AIza...", "project": "p1"}]}
  --keys-from-env    write keys from every FREEWAY_KEYS_<PROVIDER> variable: a JSON list as in
                     the file, or a single key. FREEWAY_KEYS_GITHUB_MODELS is provider github-models.
  --kubernetes       enable Kubernetes auth and create role $FREEWAY_ROLE for the gateway's
                     service account
  --approle          enable AppRole and create role $FREEWAY_ROLE; prints its role_id
  -h, --help         this text

Environment (defaults in brackets):
  VAULT_ADDR, VAULT_TOKEN        the Vault server and an operator token (required)
  FREEWAY_KV_MOUNT [secret]      FREEWAY_KV_PATH [freeway/providers]
  FREEWAY_POLICY [freeway]       FREEWAY_ROLE [freeway]
  FREEWAY_TOKEN_TTL [1h]         FREEWAY_TOKEN_MAX_TTL [24h]
  Kubernetes auth:
  KUBERNETES_HOST [https://kubernetes.default.svc]
  KUBERNETES_CA_CERT_FILE, TOKEN_REVIEWER_JWT_FILE   needed when Vault runs outside the cluster
  FREEWAY_NAMESPACE [freeway]    FREEWAY_SERVICE_ACCOUNT [freeway]
  FREEWAY_K8S_AUDIENCE           the audience the role requires of the pod's token (optional)
  FREEWAY_K8S_AUTH_MOUNT [kubernetes]   FREEWAY_APPROLE_MOUNT [approle]
EOF
}

KV_MOUNT=${FREEWAY_KV_MOUNT:-secret}
KV_PATH=${FREEWAY_KV_PATH:-freeway/providers}
POLICY=${FREEWAY_POLICY:-freeway}
ROLE=${FREEWAY_ROLE:-freeway}
TOKEN_TTL=${FREEWAY_TOKEN_TTL:-1h}
TOKEN_MAX_TTL=${FREEWAY_TOKEN_MAX_TTL:-24h}
K8S_MOUNT=${FREEWAY_K8S_AUTH_MOUNT:-kubernetes}
APPROLE_MOUNT=${FREEWAY_APPROLE_MOUNT:-approle}
POLICY_FILE="$(dirname "${BASH_SOURCE[0]}")/freeway-read.hcl"

# What the gateway accepts in field "keys" (dev.freeway.gateway.config.KeyConfig).
KEYS_ARE_VALID='
  def key_ok:
    (type == "string" and length > 0)
    or (type == "object"
        and (.value | type) == "string" and (.value | length) > 0
        and ((keys - ["value", "account", "project"]) | length) == 0
        and ([.account, .project] | all(. == null or type == "string")));
  type == "array" and length > 0 and all(.[]; key_ok)'

log() { printf 'setup: %s\n' "$*" >&2; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

check_prerequisites() {
  command -v vault >/dev/null || die "the vault CLI is not on PATH"
  command -v jq >/dev/null || die "jq is not on PATH"
  [[ -n ${VAULT_ADDR:-} ]] || die "VAULT_ADDR is not set"
  vault token lookup >/dev/null 2>&1 || die "cannot authenticate to $VAULT_ADDR: set VAULT_TOKEN to an operator token"
  # Both end up in sed replacements and Vault paths.
  [[ $KV_MOUNT =~ ^[A-Za-z0-9_.-]+$ ]] || die "FREEWAY_KV_MOUNT must be one path segment"
  [[ $KV_PATH =~ ^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$ ]] || die "FREEWAY_KV_PATH must be a/b/c without slashes at the ends"
}

ensure_kv_v2() {
  local found
  found=$(vault secrets list -format=json \
    | jq -r --arg m "$KV_MOUNT/" '.[$m] | if . == null then "missing" else "\(.type) \(.options.version // "1")" end')
  case $found in
    missing)
      vault secrets enable -path="$KV_MOUNT" -version=2 kv >/dev/null
      log "enabled KV v2 at $KV_MOUNT/" ;;
    "kv 2") log "KV v2 already at $KV_MOUNT/" ;;
    *) die "$KV_MOUNT/ is mounted as '$found'; the gateway reads KV version 2 (vault kv enable-versioning $KV_MOUNT)" ;;
  esac
}

write_policy() {
  sed -e "s#secret/data/freeway/providers#$KV_MOUNT/data/$KV_PATH#g" \
    -e "s#secret/metadata/freeway/providers#$KV_MOUNT/metadata/$KV_PATH#g" "$POLICY_FILE" \
    | vault policy write "$POLICY" - >/dev/null
  log "policy $POLICY written (read $KV_MOUNT/data/$KV_PATH/*, list $KV_MOUNT/metadata/$KV_PATH)"
}

# $1 provider id, $2 its keys as a JSON list. Messages name the provider, never a value.
check_keys() {
  local provider=$1 keys=$2
  [[ $provider =~ ^[a-z0-9][a-z0-9._-]*$ ]] || die "'$provider' is not a provider id (lower case, digits, . _ -)"
  printf '%s' "$keys" | jq -e "$KEYS_ARE_VALID" >/dev/null 2>&1 \
    || die "keys for $provider: must be a non-empty JSON list of strings or {value, account, project} objects"
}

# $1 provider id, $2 its keys, already checked.
write_keys() {
  local provider=$1 keys=$2 wanted current version
  # Compared in memory, canonical form: writing the same keys again would only add a version.
  wanted=$(printf '%s' "$keys" | jq -S -c .)
  current=$(vault kv get -mount="$KV_MOUNT" -format=json -field=keys "$KV_PATH/$provider" 2>/dev/null \
    | jq -S -c .) || current=""
  if [[ $wanted == "$current" ]]; then
    log "$provider: keys unchanged"
    return
  fi
  # A whole JSON document on stdin ("-") keeps "keys" a list; keys=- or keys=@file would store a string.
  version=$(printf '%s' "$keys" | jq -c '{keys: .}' \
    | vault kv put -mount="$KV_MOUNT" -format=json "$KV_PATH/$provider" - | jq -r '.data.version')
  log "$provider: keys written as version $version"
}

# $1 check_keys or write_keys, $2 the file. Everything is checked before anything is written.
each_key_in_file() {
  local action=$1 file=$2 provider
  while IFS= read -r provider; do
    "$action" "$provider" "$(jq -c --arg p "$provider" '.[$p]' "$file")"
  done < <(jq -r 'keys[]' "$file")
}

write_keys_from_file() {
  local file=$1
  [[ -r $file ]] || die "cannot read $file"
  jq -e 'type == "object" and length > 0' "$file" >/dev/null 2>&1 \
    || die "$file: must be a JSON object of provider id -> list of keys"
  each_key_in_file check_keys "$file"
  each_key_in_file write_keys "$file"
}

# $1 check_keys or write_keys
each_key_in_env() {
  local action=$1 variable provider
  while IFS= read -r variable; do
    provider=$(printf '%s' "${variable#FREEWAY_KEYS_}" | tr '[:upper:]_' '[:lower:]-')
    # jq reads the value from its environment: it never becomes an argument.
    "$action" "$provider" "$(jq -n -c --arg v "$variable" \
      '$ENV[$v] | if test("^\\s*\\[") then (try fromjson catch null) else [.] end')"
  done < <(compgen -e | grep '^FREEWAY_KEYS_.' || true)
}

write_keys_from_env() {
  compgen -e | grep -q '^FREEWAY_KEYS_.' || die "--keys-from-env: no FREEWAY_KEYS_<PROVIDER> variable is exported"
  each_key_in_env check_keys
  each_key_in_env write_keys
}

# $1 auth type, $2 mount path
ensure_auth() {
  local type=$1 mount=$2 found
  found=$(vault auth list -format=json | jq -r --arg m "$mount/" '.[$m].type // "missing"')
  case $found in
    missing)
      vault auth enable -path="$mount" "$type" >/dev/null
      log "enabled $type auth at $mount/" ;;
    "$type") log "$type auth already at $mount/" ;;
    *) die "auth mount $mount/ is of type $found, not $type" ;;
  esac
}

setup_kubernetes() {
  local namespace=${FREEWAY_NAMESPACE:-freeway} account=${FREEWAY_SERVICE_ACCOUNT:-freeway}
  local config=("kubernetes_host=${KUBERNETES_HOST:-https://kubernetes.default.svc}")
  local role=("bound_service_account_names=$account" "bound_service_account_namespaces=$namespace"
    "token_policies=$POLICY" "token_ttl=$TOKEN_TTL" "token_max_ttl=$TOKEN_MAX_TTL")
  ensure_auth kubernetes "$K8S_MOUNT"
  # Inside the cluster Vault uses its own service account's CA and token for TokenReview.
  if [[ -n ${KUBERNETES_CA_CERT_FILE:-} ]]; then
    config+=("kubernetes_ca_cert=@$KUBERNETES_CA_CERT_FILE")
  fi
  if [[ -n ${TOKEN_REVIEWER_JWT_FILE:-} ]]; then
    config+=("token_reviewer_jwt=@$TOKEN_REVIEWER_JWT_FILE")
  fi
  if [[ -n ${FREEWAY_K8S_AUDIENCE:-} ]]; then
    role+=("audience=$FREEWAY_K8S_AUDIENCE")
  fi
  vault write "auth/$K8S_MOUNT/config" "${config[@]}" >/dev/null
  vault write "auth/$K8S_MOUNT/role/$ROLE" "${role[@]}" >/dev/null
  log "kubernetes role $ROLE: service account $namespace/$account, policy $POLICY, ttl $TOKEN_TTL (max $TOKEN_MAX_TTL)"
}

setup_approle() {
  local role_id
  ensure_auth approle "$APPROLE_MOUNT"
  # secret_id_num_uses=0: a node logs in again whenever its token reaches the max TTL.
  vault write "auth/$APPROLE_MOUNT/role/$ROLE" token_policies="$POLICY" token_ttl="$TOKEN_TTL" \
    token_max_ttl="$TOKEN_MAX_TTL" secret_id_num_uses=0 >/dev/null
  role_id=$(vault read -field=role_id "auth/$APPROLE_MOUNT/role/$ROLE/role-id")
  log "approle role $ROLE: policy $POLICY, ttl $TOKEN_TTL (max $TOKEN_MAX_TTL)"
  log "role_id (not secret): $role_id"
  log "issue a secret_id with: vault write -wrap-ttl=10m -f auth/$APPROLE_MOUNT/role/$ROLE/secret-id"
}

main() {
  local keys_file="" keys_from_env=false kubernetes=false approle=false
  while (($# > 0)); do
    case $1 in
      --keys-file)
        (($# > 1)) || die "--keys-file needs a file"
        keys_file=$2
        shift ;;
      --keys-from-env) keys_from_env=true ;;
      --kubernetes) kubernetes=true ;;
      --approle) approle=true ;;
      -h | --help) usage; exit 0 ;;
      *) usage >&2; die "unknown argument: $1" ;;
    esac
    shift
  done

  check_prerequisites
  ensure_kv_v2
  write_policy
  if [[ -n $keys_file ]]; then write_keys_from_file "$keys_file"; fi
  if $keys_from_env; then write_keys_from_env; fi
  if $kubernetes; then setup_kubernetes; fi
  if $approle; then setup_approle; fi
  log "done"
}

main "$@"
