/* The X-macro machinery over hooks.def. A user defines RP_X(n, name, family, fail, shim, ret,
 * kind1, type1, param1, ...) and includes "hooks.def": RP_X runs once per hooked function, n
 * being its number of parameters. The helpers below turn the (kind, type, param) triples into
 * what C needs: RP_PARAMS(n, ...) "type param, ...", RP_ARGS "param, ...", RP_LONGS "(long)
 * param, ...", RP_CASTS "(type)a[0], ...", RP_TYPES "type, ...". */
#ifndef RAWSYS_PRELOAD_HOOKDECL_H
#define RAWSYS_PRELOAD_HOOKDECL_H

#define HOOK0(...) RP_X(0, __VA_ARGS__)
#define HOOK1(...) RP_X(1, __VA_ARGS__)
#define HOOK2(...) RP_X(2, __VA_ARGS__)
#define HOOK3(...) RP_X(3, __VA_ARGS__)
#define HOOK4(...) RP_X(4, __VA_ARGS__)
#define HOOK5(...) RP_X(5, __VA_ARGS__)
#define HOOK6(...) RP_X(6, __VA_ARGS__)
#define HOOK7(...) RP_X(7, __VA_ARGS__)

#define RP_CAT(a, b)  RP_CAT_(a, b)
#define RP_CAT_(a, b) a##b

#define RP_PARAMS(n, ...)         RP_CAT(RP_PARAMS_, n)(__VA_ARGS__)
#define RP_PARAMS_0()             void
#define RP_PARAMS_1(k, t, p)      t p
#define RP_PARAMS_2(k, t, p, ...) t p, RP_PARAMS_1(__VA_ARGS__)
#define RP_PARAMS_3(k, t, p, ...) t p, RP_PARAMS_2(__VA_ARGS__)
#define RP_PARAMS_4(k, t, p, ...) t p, RP_PARAMS_3(__VA_ARGS__)
#define RP_PARAMS_5(k, t, p, ...) t p, RP_PARAMS_4(__VA_ARGS__)
#define RP_PARAMS_6(k, t, p, ...) t p, RP_PARAMS_5(__VA_ARGS__)
#define RP_PARAMS_7(k, t, p, ...) t p, RP_PARAMS_6(__VA_ARGS__)

#define RP_TYPES(n, ...)         RP_CAT(RP_TYPES_, n)(__VA_ARGS__)
#define RP_TYPES_0()             void
#define RP_TYPES_1(k, t, p, ...) t
#define RP_TYPES_2(k, t, p, ...) t, RP_TYPES_1(__VA_ARGS__)
#define RP_TYPES_3(k, t, p, ...) t, RP_TYPES_2(__VA_ARGS__)
#define RP_TYPES_4(k, t, p, ...) t, RP_TYPES_3(__VA_ARGS__)
#define RP_TYPES_5(k, t, p, ...) t, RP_TYPES_4(__VA_ARGS__)
#define RP_TYPES_6(k, t, p, ...) t, RP_TYPES_5(__VA_ARGS__)
#define RP_TYPES_7(k, t, p, ...) t, RP_TYPES_6(__VA_ARGS__)

#define RP_ARGS(n, ...) RP_CAT(RP_ARGS_, n)(__VA_ARGS__)
#define RP_ARGS_0()
#define RP_ARGS_1(k, t, p)      p
#define RP_ARGS_2(k, t, p, ...) p, RP_ARGS_1(__VA_ARGS__)
#define RP_ARGS_3(k, t, p, ...) p, RP_ARGS_2(__VA_ARGS__)
#define RP_ARGS_4(k, t, p, ...) p, RP_ARGS_3(__VA_ARGS__)
#define RP_ARGS_5(k, t, p, ...) p, RP_ARGS_4(__VA_ARGS__)
#define RP_ARGS_6(k, t, p, ...) p, RP_ARGS_5(__VA_ARGS__)
#define RP_ARGS_7(k, t, p, ...) p, RP_ARGS_6(__VA_ARGS__)

#define RP_LONGS(n, ...)         RP_CAT(RP_LONGS_, n)(__VA_ARGS__)
#define RP_LONGS_0()             0
#define RP_LONGS_1(k, t, p)      (long)(p)
#define RP_LONGS_2(k, t, p, ...) (long)(p), RP_LONGS_1(__VA_ARGS__)
#define RP_LONGS_3(k, t, p, ...) (long)(p), RP_LONGS_2(__VA_ARGS__)
#define RP_LONGS_4(k, t, p, ...) (long)(p), RP_LONGS_3(__VA_ARGS__)
#define RP_LONGS_5(k, t, p, ...) (long)(p), RP_LONGS_4(__VA_ARGS__)
#define RP_LONGS_6(k, t, p, ...) (long)(p), RP_LONGS_5(__VA_ARGS__)
#define RP_LONGS_7(k, t, p, ...) (long)(p), RP_LONGS_6(__VA_ARGS__)

#define RP_CASTS(n, ...) RP_CAT(RP_CASTS_, n)(0, __VA_ARGS__)
#define RP_CASTS_0(i)
#define RP_CASTS_1(i, k, t, p)      (t) a[i]
#define RP_CASTS_2(i, k, t, p, ...) (t) a[i], RP_CASTS_1(i + 1, __VA_ARGS__)
#define RP_CASTS_3(i, k, t, p, ...) (t) a[i], RP_CASTS_2(i + 1, __VA_ARGS__)
#define RP_CASTS_4(i, k, t, p, ...) (t) a[i], RP_CASTS_3(i + 1, __VA_ARGS__)
#define RP_CASTS_5(i, k, t, p, ...) (t) a[i], RP_CASTS_4(i + 1, __VA_ARGS__)
#define RP_CASTS_6(i, k, t, p, ...) (t) a[i], RP_CASTS_5(i + 1, __VA_ARGS__)
#define RP_CASTS_7(i, k, t, p, ...) (t) a[i], RP_CASTS_6(i + 1, __VA_ARGS__)

#endif
