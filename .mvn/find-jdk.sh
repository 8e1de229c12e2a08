# Faultline: pick a JDK >= 21 for Maven and for the launcher, so nobody has to export JAVA_HOME first.
# POSIX sh, sourced by ./mvnw and ./faultline. Order: FAULTLINE_JAVA_HOME, JAVA_HOME, Temurin 25, any JDK under
# /usr/lib/jvm, the javac on PATH; the newest feature version >= 21 wins, except that FAULTLINE_JAVA_HOME and a
# JAVA_HOME that is already >= 21 are kept as they are.

faultline_java_major() {
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  else
    echo 0
  fi
}

faultline_find_jdk() {
  for keep in "${FAULTLINE_JAVA_HOME:-}" "${JAVA_HOME:-}"; do
    if [ -n "$keep" ] && [ -x "$keep/bin/javac" ] && [ "$(faultline_java_major "$keep")" -ge 21 ] 2>/dev/null; then
      echo "$keep"
      return 0
    fi
  done
  best=""
  best_major=0
  path_jdk=""
  if command -v javac >/dev/null 2>&1; then
    path_jdk="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
  fi
  for home in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/* $path_jdk; do
    [ -x "$home/bin/javac" ] || continue
    major="$(faultline_java_major "$home")"
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$home"
      best_major="$major"
    fi
  done
  [ -n "$best" ] && echo "$best"
}

faultline_select_jdk() {
  faultline_jdk="$(faultline_find_jdk)"
  if [ -z "$faultline_jdk" ]; then
    echo "faultline: no JDK 21 or newer found (looked at FAULTLINE_JAVA_HOME, JAVA_HOME, /usr/lib/jvm/*, PATH);" \
      "install one (apt-get install openjdk-21-jdk) or set FAULTLINE_JAVA_HOME" >&2
    return 1
  fi
  JAVA_HOME="$faultline_jdk"
  export JAVA_HOME
}
