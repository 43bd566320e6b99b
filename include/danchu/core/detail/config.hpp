#pragma once
/// @file
/// Internal: compiler differences, in one place.

/// Marks a function that returns a reference into one of its arguments that is
/// not a temporary (a JSON document, a static table), so that GCC 14's
/// -Wdangling-reference heuristic does not flag callers that also pass a
/// temporary (a message string) to it.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 14
#define DANCHU_NO_DANGLING [[gnu::no_dangling]]
#else
#define DANCHU_NO_DANGLING
#endif
