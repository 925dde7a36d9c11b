# Policy "freeway": what a Freeway gateway node may do in Vault. Read provider keys, nothing else.
#
# Written for the defaults (KV v2 mounted at "secret", keys under "freeway/providers"); setup.sh
# rewrites both when FREEWAY_KV_MOUNT or FREEWAY_KV_PATH say otherwise.
#
# Renewing and looking up the node's own token (auth/token/renew-self, lookup-self) comes from
# Vault's built-in "default" policy, which every token gets unless a role sets
# token_no_default_policy. Leave it on: the node renews its token at two thirds of the TTL.

# READ <mount>/data/<path>/<provider>: one provider's keys (the latest version).
path "secret/data/freeway/providers/*" {
  capabilities = ["read"]
}

# LIST <mount>/metadata/<path>: which providers have keys. Current Vault checks a LIST as
# "<path>/", which the "/*" rule matches ("*" also matches nothing); both rules are kept so the
# grant does not hang on that detail. Neither grants read: metadata (versions, times) stays closed.
path "secret/metadata/freeway/providers" {
  capabilities = ["list"]
}

path "secret/metadata/freeway/providers/*" {
  capabilities = ["list"]
}
