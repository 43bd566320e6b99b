#pragma once
/// @file
/// Umbrella header: includes every public concept header.

#include <danchu/data.hpp>
#include <danchu/error.hpp>
#include <danchu/finding.hpp>
#include <danchu/unit.hpp>
#include <danchu/version.hpp>
