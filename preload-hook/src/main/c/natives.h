/* Java's way back into C: io.rawsys.preload.Native's methods. */
#ifndef RAWSYS_PRELOAD_NATIVES_H
#define RAWSYS_PRELOAD_NATIVES_H
#include "state.h"

/* Registers callReal, copyIn and lastErrno on class NATIVES: 1 when done. */
int rp_register_natives(JNIEnv *env, jclass natives);

#endif
