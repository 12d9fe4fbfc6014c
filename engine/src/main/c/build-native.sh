#!/bin/sh
# Builds the JNI binding of oneDNN's sgemm (gradus_sgemm.c) into the engine's classes, during the build
# (exec-maven-plugin, generate-resources). Arguments: the JDK home (for jni.h) and the output folder.
# Without a C compiler or jni.h it says so and succeeds: DnnlGemm then reports itself unavailable and
# float32 products use OpenBLAS.
jdk="$1"
out="$2"
here=$(dirname "$0")
cc=${CC:-cc}
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) echo "gradus: the oneDNN sgemm binding is built for linux-x86_64 only; float32 products use OpenBLAS"; exit 0 ;;
esac
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "gradus: no C compiler ($cc); float32 products will use OpenBLAS instead of oneDNN"
  exit 0
fi
if [ ! -f "$jdk/include/jni.h" ]; then
  echo "gradus: no jni.h under $jdk/include; float32 products will use OpenBLAS instead of oneDNN"
  exit 0
fi
mkdir -p "$out" || exit 1
exec "$cc" -O2 -std=c99 -Wall -Werror -shared -fPIC -I"$jdk/include" -I"$jdk/include/linux" \
  -o "$out/libgradus_sgemm.so" "$here/gradus_sgemm.c" -ldl
