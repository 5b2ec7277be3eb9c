// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lib/ctl.c: the control socket's frames. Every prefix of a frame is
 * "incomplete", never an error; a bad version or an oversized length is
 * refused before the body is waited for; an unknown type still frames.
 */
#include <errno.h>
#include <string.h>

#include <json-c/json.h>

#include "ctl.h"
#include "err.h"
#include "suites.h"

static size_t frame(uint8_t *buf, size_t cap, uint16_t type, const char *body)
{
	struct wbuf w;

	wbuf_init(&w, buf, cap);
	ck_assert_int_eq(ctl_frame_encode(&w, type, body, strlen(body)), 0);
	return w.len;
}

START_TEST(roundtrip)
{
	static const char body[] = "{\"object\":\"ppp secret\"}";
	uint8_t buf[128];
	const uint8_t *b;
	struct ctl_hdr h;
	size_t n = frame(buf, sizeof(buf), CTL_REQ_PRINT, body);
	static const uint8_t hdr[] = { 0, 1, 1, 0, 0, 0, 0, sizeof(body) - 1 };

	ck_assert_uint_eq(n, CTL_HDR_LEN + strlen(body));
	ck_assert_mem_eq(buf, hdr, sizeof(hdr));
	ck_assert_int_eq(ctl_frame_decode(buf, n, &h, &b), 0);
	ck_assert_uint_eq(h.version, CTL_VERSION);
	ck_assert_uint_eq(h.type, CTL_REQ_PRINT);
	ck_assert_uint_eq(h.len, strlen(body));
	ck_assert_ptr_eq(b, buf + CTL_HDR_LEN);
	/* Bytes of the next frame after this one do not matter. */
	ck_assert_int_eq(ctl_frame_decode(buf, sizeof(buf), &h, &b), 0);
}
END_TEST

START_TEST(truncated)
{
	uint8_t buf[64];
	const uint8_t *b;
	struct ctl_hdr h;
	size_t i, n = frame(buf, sizeof(buf), CTL_END, "{\"status\":0}");

	for (i = 0; i < n; i++)
		ck_assert_int_eq(ctl_frame_decode(buf, i, &h, &b), -EAGAIN);
	ck_assert_int_eq(ctl_frame_decode(buf, n, &h, &b), 0);
}
END_TEST

START_TEST(empty_body)
{
	uint8_t buf[CTL_HDR_LEN];
	const uint8_t *b;
	struct ctl_hdr h;

	ck_assert_uint_eq(frame(buf, sizeof(buf), CTL_REQ_RELOAD, ""),
			  CTL_HDR_LEN);
	ck_assert_int_eq(ctl_frame_decode(buf, sizeof(buf), &h, &b), 0);
	ck_assert_uint_eq(h.len, 0);
}
END_TEST

START_TEST(oversized)
{
	uint8_t buf[CTL_HDR_LEN] = { 0, 1, 1, 0, 0, 1, 0, 1 };	/* 65537 */
	static uint8_t big[CTL_BODY_MAX + 1];
	static uint8_t out[CTL_FRAME_MAX + 16];
	const uint8_t *b;
	struct ctl_hdr h;
	struct wbuf w;

	/* Refused from the header alone: nobody waits for 64 KiB of junk. */
	ck_assert_int_eq(ctl_frame_decode(buf, sizeof(buf), &h, &b), -EMSGSIZE);
	ck_assert_uint_eq(h.len, CTL_BODY_MAX + 1);
	wbuf_init(&w, out, sizeof(out));
	ck_assert_int_eq(ctl_frame_encode(&w, CTL_ROW, big, sizeof(big)),
			 -EMSGSIZE);
	ck_assert_int_eq(ctl_hdr_encode(&w, CTL_ROW, sizeof(big)), -EMSGSIZE);
	ck_assert_uint_eq(w.len, 0);
	/* Exactly the maximum is fine. */
	ck_assert_int_eq(ctl_frame_encode(&w, CTL_ROW, big, CTL_BODY_MAX), 0);
	ck_assert_int_eq(ctl_frame_decode(out, w.len, &h, &b), 0);
}
END_TEST

START_TEST(bad_version)
{
	uint8_t buf[64];
	const uint8_t *b;
	struct ctl_hdr h;
	struct rbuf r;
	size_t n = frame(buf, sizeof(buf), CTL_REQ_PRINT, "{}");

	buf[1] = 2;
	ck_assert_int_eq(ctl_frame_decode(buf, n, &h, &b), -EPROTONOSUPPORT);
	ck_assert_uint_eq(h.version, 2);
	/* Also with a length that would be oversized: the version decides. */
	buf[4] = 0xff;
	ck_assert_int_eq(ctl_frame_decode(buf, n, &h, &b), -EPROTONOSUPPORT);
	rbuf_init(&r, buf, n);
	ck_assert_int_eq(ctl_hdr_decode(&r, &h), -EPROTONOSUPPORT);
	ck_assert_uint_eq(r.pos, 0);
}
END_TEST

START_TEST(unknown_type)
{
	static const uint16_t bad[] = { 0, CTL_REPLY_LAST + 1,
		CTL_REQ_PRINT - 1, CTL_REQ_LAST + 1, CTL_PLUGIN_FIRST - 1,
		CTL_PLUGIN_LAST + 1, 0xffff };
	uint8_t buf[64];
	const uint8_t *b;
	struct ctl_hdr h;
	size_t i, n;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		n = frame(buf, sizeof(buf), bad[i], "{}");
		/* Framed all the same: it can be answered and skipped. */
		ck_assert_int_eq(ctl_frame_decode(buf, n, &h, &b), -ENOMSG);
		ck_assert_uint_eq(h.type, bad[i]);
		ck_assert_uint_eq(h.len, 2);
		ck_assert_ptr_eq(b, buf + CTL_HDR_LEN);
		ck_assert_int_eq(ctl_frame_decode(buf, n - 1, &h, &b), -EAGAIN);
	}
	ck_assert(ctl_type_known(CTL_PLUGIN_FIRST));
	ck_assert(ctl_type_known(CTL_PLUGIN_LAST));
	ck_assert(ctl_type_known(CTL_REQ_EXPORT));
}
END_TEST

START_TEST(no_space)
{
	uint8_t buf[CTL_HDR_LEN + 3];
	struct wbuf w;

	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(ctl_frame_encode(&w, CTL_ROW, "{}", 2), 0);
	ck_assert_int_eq(ctl_frame_encode(&w, CTL_ROW, "", 0), -L2TP_E_NOSPACE);
	ck_assert_uint_eq(w.len, CTL_HDR_LEN + 2);
	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(ctl_frame_encode(&w, CTL_ROW, "{}  ", 4),
			 -L2TP_E_NOSPACE);
	ck_assert_uint_eq(w.len, 0);
}
END_TEST

START_TEST(json_bodies)
{
	static const char *const bad[] = {
		"", "[]", "1", "\"x\"", "{", "{\"a\":}", "{} {}", "{}x",
		"{\"a\":1}\n{", "null",
	};
	struct json_object *o;
	size_t i;

	ck_assert_int_eq(ctl_json_parse((const uint8_t *)"{\"a\":1}", 7, &o), 0);
	ck_assert_int_eq(json_object_get_int(json_object_object_get(o, "a")), 1);
	json_object_put(o);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(ctl_json_parse((const uint8_t *)bad[i],
					     strlen(bad[i]), &o) == -EBADMSG,
			      "'%s' accepted", bad[i]);
	/* A NUL inside the length is not the end of the text. */
	ck_assert_int_eq(ctl_json_parse((const uint8_t *)"{}\0", 3, &o),
			 -EBADMSG);
	o = ctl_json_end(-ENOENT, "no such item");
	ck_assert_str_eq(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN),
			 "{\"status\":-2,\"error\":\"no such item\"}");
	json_object_put(o);
	o = ctl_json_end(0, NULL);
	ck_assert_str_eq(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN),
			 "{\"status\":0}");
	json_object_put(o);
}
END_TEST

START_TEST(names)
{
	char buf[32];
	int i;

	for (i = 0; i < CTL_OBJ_MAX; i++)
		ck_assert_int_eq(ctl_obj_lookup(ctl_obj_name(i)), i);
	ck_assert_int_eq(ctl_obj_lookup("interface"), -ENOENT);
	ck_assert_ptr_null(ctl_obj_name(CTL_OBJ_MAX));
	ck_assert_str_eq(ctl_type_name(CTL_REQ_PRINT, buf, sizeof(buf)), "print");
	ck_assert_str_eq(ctl_type_name(CTL_END, buf, sizeof(buf)), "end");
	ck_assert_str_eq(ctl_type_name(0x201, buf, sizeof(buf)), "plugin-0x201");
	ck_assert_str_eq(ctl_type_name(0x999, buf, sizeof(buf)), "unknown-0x999");
}
END_TEST

Suite *suite_ctl(void)
{
	Suite *s = suite_create("ctl");
	TCase *tc = tcase_create("frames");

	tcase_add_test(tc, roundtrip);
	tcase_add_test(tc, truncated);
	tcase_add_test(tc, empty_body);
	tcase_add_test(tc, oversized);
	tcase_add_test(tc, bad_version);
	tcase_add_test(tc, unknown_type);
	tcase_add_test(tc, no_space);
	tcase_add_test(tc, json_bodies);
	tcase_add_test(tc, names);
	suite_add_tcase(s, tc);
	return s;
}
