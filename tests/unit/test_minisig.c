/* Unit tests for minisig.c against signatures made by the stock minisign 0.11 tool
 * (Debian's package): `minisign -G -W`, then `minisign -S` (prehashed, the default) and
 * `minisign -S -l` (legacy) over MESSAGE, with the trusted comments shown. A second key
 * pair (KEY2) signs too, so "another key" is a real other key. The end-to-end test
 * (tests/http/test_signed.py) signs feeds with minisign itself at test time. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "minisig.h"

#define MESSAGE "{\"vitrine\":1}\n"

static const char KEY[] = "untrusted comment: minisign public key A7BF30E250030BDC\n"
                          "RWTcCwNQ4jC/p7ZgLnzCRwZdfVVsCeQ9HhvzVxrNqWrfh3y+Q8SH8o09\n";
static const char KEY2[] = "untrusted comment: minisign public key C9A02E2633BE3010\n"
                           "RWQQML4zJi6gyVIJA2WolL7vinmDLYSKIlhcdloHvuOHKjs/8d8ccR5Q\n";

/* minisign -S -t 'version:7<TAB>file:m.json' */
static const char SIG_PREHASHED[] =
    "untrusted comment: signature from minisign secret key\n"
    "RUTcCwNQ4jC/p5SbkCPU2GYUFpjFLueNt1NHo+KSWxGk2PuQBA31U58whJ50c1R0pORl/rBXJVzpy/"
    "+ryZvoLNGjDFv41nBQLQc=\n"
    "trusted comment: version:7\tfile:m.json\n"
    "ogZAMP+J644JIwelT+k/Ufel7WVKaTfkJlovuMhgaOJs92WgZJrF2xTHN2U0CC8AOHalgASAuOXckfgfdKJIDQ==\n";

/* minisign -S -l -t 'timestamp:1796350000' */
static const char SIG_LEGACY[] =
    "untrusted comment: signature from minisign secret key\r\n"
    "RWTcCwNQ4jC/p90x72CDrekYL31dBrtVSsUqfdBiu29VJa3I/8zxGwTj2NQO1Gbmzt20BRlqiNG9HyCOKgUccKxALPO"
    "UKp+JlAg=\r\n"
    "trusted comment: timestamp:1796350000\r\n"
    "nYiZEbZPzzBL/xbgLhnOPFPCJuKIBZ+abUJSNu7Y5YzPoo19PcDQ7xEcZHPNN1VDDXQbfmPfLZHQ7jGmvJaWDw==\r\n";

/* The other key pair, minisign's default trusted comment. */
static const char SIG_KEY2[] =
    "untrusted comment: signature from minisign secret key\n"
    "RUQQML4zJi6gyaCSEa9kJYxowOMlhcIOLPMCWbr7agARdn3DTMel5evR+Yx0k1Wc9H752wWm1yeyKzmmq1zqJyQO9LMg"
    "ztersgw=\n"
    "trusted comment: timestamp:1796352626\tfile:m.json\thashed\n"
    "cUloNQeGI7sFz+deBF24qKXAvq20B9UpnEFCF7DG+nVwVB3KWpqCJRVcOWHNAqLbmE1/QI2V9vJqkWYYFfQxBg==\n";

static struct minisig_key key(const char *text)
{
    struct minisig_key k;
    char why[256];
    assert_true(minisig_key_parse(text, strlen(text), &k, why, sizeof why));
    return k;
}

static bool verify(const char *pub, const char *sig, const char *msg, struct minisig_claim *c,
                   char *why)
{
    struct minisig_key k = key(pub);
    return minisig_verify(&k, sig, strlen(sig), msg, strlen(msg), c, why, 256);
}

static void test_key_id_as_minisign_prints_it(void **state)
{
    (void)state;
    char id[MINISIG_ID_HEX];
    struct minisig_key k = key(KEY);
    minisig_key_id(&k, id);
    assert_string_equal(id, "A7BF30E250030BDC");
    /* The bare base64 line, as `minisign -P` takes it, is a key too. */
    k = key("RWQQML4zJi6gyVIJA2WolL7vinmDLYSKIlhcdloHvuOHKjs/8d8ccR5Q");
    minisig_key_id(&k, id);
    assert_string_equal(id, "C9A02E2633BE3010");
}

static void test_bad_keys_are_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {"", "untrusted comment: x\n", "untrusted comment: x\nRWTc",
                                      "untrusted comment: x\nnot base64 at all!!\n",
                                      /* 42 bytes, but an "Xd" algorithm */
                                      "WGTcCwNQ4jC/p7ZgLnzCRwZdfVVsCeQ9HhvzVxrNqWrfh3y+Q8SH8o09"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct minisig_key k;
        char why[256] = "";
        assert_false(minisig_key_parse(bad[i], strlen(bad[i]), &k, why, sizeof why));
        assert_non_null(strstr(why, "minisign public key"));
    }
}

static void test_prehashed_signature_holds_and_gives_its_version(void **state)
{
    (void)state;
    struct minisig_claim c;
    char why[256] = "";
    assert_true(verify(KEY, SIG_PREHASHED, MESSAGE, &c, why));
    assert_string_equal(c.trusted, "version:7\tfile:m.json");
    assert_int_equal(c.order, 7);
}

static void test_legacy_signature_with_crlf_holds(void **state)
{
    (void)state;
    struct minisig_claim c;
    char why[256] = "";
    assert_true(verify(KEY, SIG_LEGACY, MESSAGE, &c, why));
    assert_int_equal(c.order, 1796350000);
}

static void test_one_changed_byte_is_refused(void **state)
{
    (void)state;
    struct minisig_claim c;
    char why[256] = "";
    assert_false(verify(KEY, SIG_PREHASHED, "{\"vitrine\":2}\n", &c, why));
    assert_string_equal(why, "the feed does not match its signature (changed after signing, or "
                             "signed by another key)");
    assert_false(verify(KEY, SIG_LEGACY, "{\"vitrine\":1} \n", &c, why));
}

static void test_another_key_is_named(void **state)
{
    (void)state;
    struct minisig_claim c;
    char why[256] = "";
    assert_false(verify(KEY, SIG_KEY2, MESSAGE, &c, why));
    assert_string_equal(why,
                        "signed by another key (C9A02E2633BE3010 instead of A7BF30E250030BDC)");
    assert_true(verify(KEY2, SIG_KEY2, MESSAGE, &c, why));
    assert_int_equal(c.order, 1796352626);
}

static void test_an_altered_trusted_comment_is_refused(void **state)
{
    (void)state;
    /* A replay that rewrites the version to look newer. */
    char sig[sizeof SIG_PREHASHED];
    memcpy(sig, SIG_PREHASHED, sizeof sig);
    char *v = strstr(sig, "version:7");
    v[8] = '9';
    struct minisig_claim c;
    char why[256] = "";
    assert_false(verify(KEY, sig, MESSAGE, &c, why));
    assert_string_equal(why, "the signature's trusted comment was altered");
}

static void test_garbage_signatures_are_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", "untrusted comment: x\n", "<html>404 Not Found</html>\n",
        /* three lines: the global signature missing */
        "untrusted comment: signature from minisign secret key\n"
        "RUTcCwNQ4jC/p5SbkCPU2GYUFpjFLueNt1NHo+KSWxGk2PuQBA31U58whJ50c1R0pORl/rBXJVzpy/"
        "+ryZvoLNGjDFv41nBQLQc=\ntrusted comment: version:7\tfile:m.json\n"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct minisig_claim c;
        char why[256] = "";
        assert_false(verify(KEY, bad[i], MESSAGE, &c, why));
        assert_non_null(strstr(why, "not a minisign signature"));
    }
}

static void test_order_needs_a_whole_field(void **state)
{
    (void)state;
    assert_int_equal(minisig_order("timestamp:1796352626\tfile:m.json\thashed"), 1796352626);
    assert_int_equal(minisig_order("file:m.json\tversion:12"), 12);
    assert_int_equal(minisig_order("version:3 timestamp:99"), 3); /* a version wins */
    assert_int_equal(minisig_order("lobby feed"), -1);
    assert_int_equal(minisig_order("myversion:5"), -1); /* not a field of its own */
    assert_int_equal(minisig_order("version:5b"), -1);  /* not a whole number */
    assert_int_equal(minisig_order("version:"), -1);
    assert_int_equal(minisig_order("version: 42"), 42); /* as people write it */
    assert_int_equal(minisig_order("lobby feed version:  7"), 7);
    assert_int_equal(minisig_order("version: "), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_id_as_minisign_prints_it),
        cmocka_unit_test(test_bad_keys_are_refused),
        cmocka_unit_test(test_prehashed_signature_holds_and_gives_its_version),
        cmocka_unit_test(test_legacy_signature_with_crlf_holds),
        cmocka_unit_test(test_one_changed_byte_is_refused),
        cmocka_unit_test(test_another_key_is_named),
        cmocka_unit_test(test_an_altered_trusted_comment_is_refused),
        cmocka_unit_test(test_garbage_signatures_are_refused),
        cmocka_unit_test(test_order_needs_a_whole_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
