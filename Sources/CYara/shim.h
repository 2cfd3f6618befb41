#include <yara.h>

/* Accessors for YR_RULE / YR_NAMESPACE fields, which libyara declares inside anonymous
   unions (DECLARE_REFERENCE) that Swift does not import by name. */
static inline const char *spl_yr_rule_identifier(const YR_RULE *rule) { return rule->identifier; }
static inline const char *spl_yr_rule_namespace(const YR_RULE *rule) { return rule->ns->name; }
/* Tags: consecutive NUL-terminated strings, the list ending with an empty string. */
static inline const char *spl_yr_rule_tags(const YR_RULE *rule) { return rule->tags; }
