// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * PAP and CHAP secrets from l2tpd, through pppd's hooks, so that no secret
 * is on pppd's command line (visible in /proc) or in a file:
 *
 *  - pap_check_hook / chap_check_hook: "a secret can be had", so pppd
 *    offers and requires the methods its options name without reading
 *    pap-secrets or chap-secrets;
 *  - client: pap_passwd_hook / chap_passwd_hook fetch our password;
 *  - server: pap_auth_hook compares the peer's password, and
 *    chap_verify_hook fetches the peer's secret and lets pppd's digest
 *    code verify the response (for MS-CHAPv2 it also derives the MPPE
 *    keys, as pppd's own verifier would);
 *  - allowed_address_hook: the peer may use the remote address l2tpd
 *    gave pppd; with the secrets out of pppd's files, pppd has no
 *    address list of its own and would refuse every address.
 */
#include <errno.h>
#include <sys/random.h>

#include "cause.h"
#include "plugin.h"
#include "report.h"

bool plugin_auth_pppd_files;

static struct {
	/* pppd's own verifier, for l2tpd_pppd_secrets */
	__typeof__(chap_verify_hook) pppd_verify;
	uint16_t proto;		/* CAUSE_PROTO_PAP / _CHAP once one ran */
	const char *method;	/* client: what we authenticated with */
	char user[MAXNAMELEN];	/* client: as whom */
	int reported;
} auth;

uint16_t plugin_auth_proto(void)
{
	return auth.proto;
}

static int auth_secret(const char *usr, char *out, size_t len)
{
	int err = report_secret(usr, out, len);

	if (err)
		error("l2tpd: no secret for \"%s\" from l2tpd: %s", usr,
		      strerror(-err));
	return err;
}

/*
 * Both hooks: yes, secrets exist (l2tpd has them); -1 leaves it to pppd's
 * files. They run before the channel's check_options().
 */
static int auth_check(void)
{
	return plugin_auth_pppd_files ? -1 : 1;
}

static void auth_client(uint16_t proto, const char *method, const char *usr)
{
	auth.proto = proto;
	auth.method = method;
	strlcpy(auth.user, usr, sizeof(auth.user));
}

/* 1: pw holds our password; 0: none. A NULL pw asks whether we have one. */
static int auth_pap_passwd(char *usr, char *pw)
{
	if (!pw)
		return 1;
	auth_client(CAUSE_PROTO_PAP, "pap", usr);
	return auth_secret(usr, pw, MAXSECRETLEN) ? 0 : 1;
}

/*
 * The CHAP algorithm the server asked for in LCP's Authentication-Protocol
 * option (RFC 1994 §3, RFC 2433, RFC 2759), which chap_passwd_hook is not
 * told: pppd keeps it in the peer's LCP options once LCP is up.
 */
static const char *auth_client_chap_method(void)
{
	switch (lcp_hisoptions[0].chap_mdtype) {
	case MDTYPE_MICROSOFT_V2:
		return "mschap2";
	case MDTYPE_MICROSOFT:
		return "mschap1";
	default:
		return "chap";
	}
}

static int auth_chap_passwd(char *usr, char *pw)
{
	auth_client(CAUSE_PROTO_CHAP, auth_client_chap_method(), usr);
	return auth_secret(usr, pw, MAXSECRETLEN) ? -1 : 0;
}

void plugin_auth_client_result(int ok)
{
	if (!auth.method || auth.reported)
		return;
	auth.reported = 1;
	report_auth(auth.user, auth.method, ok, 0);
}

/* Compares in time independent of where the strings differ. */
static int auth_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i;
	unsigned char diff = la != lb;

	for (i = 0; i < la && i < lb; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return !diff;
}

static int auth_pap(char *usr, char *pw, char **msgp,
		    struct wordlist **paddrs, struct wordlist **popts)
{
	char secret[MAXSECRETLEN];
	int ok;

	auth.proto = CAUSE_PROTO_PAP;
	*paddrs = NULL;
	*popts = NULL;
	ok = !auth_secret(usr, secret, sizeof(secret)) && auth_equal(pw, secret);
	explicit_bzero(secret, sizeof(secret));
	*msgp = ok ? "Login ok" : "Login incorrect";
	report_auth(usr, "pap", ok, 1);
	if (ok)
		plugin_peer_apply();
	return ok;
}

static const char *auth_chap_method(int code)
{
	switch (code) {
	case CHAP_MICROSOFT:
		return "mschap1";
	case CHAP_MICROSOFT_V2:
		return "mschap2";
	default:
		return "chap";
	}
}

/* A secret nobody knows: len - 1 random letters. */
static void auth_random(char *out, size_t len)
{
	size_t i;

	if (getrandom(out, len - 1, 0) != (ssize_t)(len - 1))
		memset(out, 0, len - 1);
	for (i = 0; i + 1 < len; i++)
		out[i] = (char)('a' + (unsigned char)out[i] % 26);
	out[len - 1] = '\0';
}

/*
 * A user l2tpd does not know is checked against a random secret, so that
 * the peer sees the same failure (and the MS-CHAP failure message pppd's
 * digest code writes) as for a wrong password.
 */
static int auth_chap_verify(char *name, char *ourname, int id,
			    struct chap_digest_type *digest,
			    unsigned char *challenge, unsigned char *response,
			    char *message, int message_space)
{
	char secret[MAXSECRETLEN];
	int ok, known;

	auth.proto = CAUSE_PROTO_CHAP;
	known = !auth_secret(name, secret, sizeof(secret));
	if (!known)
		auth_random(secret, 33);
	ok = digest->verify_response(id, name, (unsigned char *)secret,
				     (int)strlen(secret), challenge, response,
				     message, message_space) && known;
	explicit_bzero(secret, sizeof(secret));
	report_auth(name, auth_chap_method(digest->code), ok, 1);
	if (ok)
		plugin_peer_apply();
	return ok;
}

/* -1: no opinion (a client, whose remote address the server names). */
static int auth_allowed_address(uint32_t addr)
{
	uint32_t want = ipcp_wantoptions[0].hisaddr;

	if (!want)
		return -1;
	return addr == want;
}

void plugin_auth_init(void)
{
	auth.pppd_verify = chap_verify_hook;
	pap_check_hook = auth_check;
	chap_check_hook = auth_check;
	pap_passwd_hook = auth_pap_passwd;
	chap_passwd_hook = auth_chap_passwd;
	pap_auth_hook = auth_pap;
	chap_verify_hook = auth_chap_verify;
	allowed_address_hook = auth_allowed_address;
}

/*
 * l2tpd_pppd_secrets: the sessions of an xl2tpd.conf take their secrets
 * from pppd's chap-secrets and pap-secrets, as with xl2tpd. Called once
 * the options are read, before any authentication.
 */
void plugin_auth_options(void)
{
	if (!plugin_auth_pppd_files)
		return;
	pap_passwd_hook = NULL;
	chap_passwd_hook = NULL;
	pap_auth_hook = NULL;
	chap_verify_hook = auth.pppd_verify;
	allowed_address_hook = NULL;
}
