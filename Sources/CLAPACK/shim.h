// C shim over OpenBLAS's CBLAS and netlib's LAPACKE (running on OpenBLAS's LAPACK).
// Imported by the LinearAlgebra module only; no pointer leaves that module.
#ifndef FORESIGHT_CLAPACK_SHIM_H
#define FORESIGHT_CLAPACK_SHIM_H

#include <cblas.h>
#include <lapacke.h>

// `lapack_int` is a macro in <lapacke.h>, which Swift's importer cannot see; this typedef gives
// Swift a name for LAPACK's integer type.
typedef lapack_int clapack_int;

#endif
