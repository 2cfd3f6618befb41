#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* The offset pair of capture group `group` (0 = whole match) after a successful match. */
static inline void spl_pcre2_group(pcre2_match_data_8 *data, uint32_t group, size_t *start, size_t *end) {
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer_8(data);
    *start = ov[2 * group];
    *end = ov[2 * group + 1];
}
/* PCRE2_UNSET: the value of an offset for a group that did not take part in the match. */
static inline size_t spl_pcre2_unset(void) { return PCRE2_UNSET; }
