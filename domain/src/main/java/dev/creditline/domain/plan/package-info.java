/**
 * Plans with monthly allowances and credit packs (billing.md;
 * lesson 16). Both catalogs are configuration:
 * build them with {@code of(...)} or take {@code defaults(...)}. Credits are {@code long}.
 */
package dev.creditline.domain.plan;
