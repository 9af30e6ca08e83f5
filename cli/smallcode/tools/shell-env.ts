/**
 * The environment commands get: an allow-list of the user's variables, never the rest. The model's
 * commands print `env` as readily as anything else, and whatever they print reaches the model (and
 * its endpoint), so API keys, tokens and passwords in the user's environment stay with SmallCode.
 * The same list applies with and without the sandbox.
 */

/** Variables passed through by name: where things are, how text looks, and toolchain settings. */
export const ALLOWED_ENV: ReadonlySet<string> = new Set([
  // the basics
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LANGUAGE",
  "TERM",
  "TZ",
  "TMPDIR",
  "CI",
  "GITHUB_ACTIONS",
  // certificates (paths only)
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "NODE_EXTRA_CA_CERTS",
  "REQUESTS_CA_BUNDLE",
  "CURL_CA_BUNDLE",
  // Go
  "GOPATH",
  "GOROOT",
  "GOBIN",
  "GOCACHE",
  "GOMODCACHE",
  "GOFLAGS",
  "GOTOOLCHAIN",
  "GO111MODULE",
  // Rust
  "CARGO_HOME",
  "RUSTUP_HOME",
  "RUSTUP_TOOLCHAIN",
  "CARGO_TARGET_DIR",
  "RUSTFLAGS",
  // JVM
  "JAVA_HOME",
  "MAVEN_HOME",
  "M2_HOME",
  "GRADLE_HOME",
  "GRADLE_USER_HOME",
  // JavaScript
  "NODE_PATH",
  "NODE_OPTIONS",
  "NODE_ENV",
  "NODE_NO_WARNINGS",
  "NVM_DIR",
  "NVM_BIN",
  "COREPACK_HOME",
  "PNPM_HOME",
  "VOLTA_HOME",
  "BUN_INSTALL",
  "DENO_DIR",
  "DENO_INSTALL",
  // Python
  "VIRTUAL_ENV",
  "CONDA_PREFIX",
  "CONDA_DEFAULT_ENV",
  "PYTHONPATH",
  "PYTHONHOME",
  "PYTHONDONTWRITEBYTECODE",
  "PYTHONUNBUFFERED",
  "PYTHONIOENCODING",
  "PYENV_ROOT",
  "PYENV_VERSION",
  // Ruby, .NET
  "GEM_HOME",
  "GEM_PATH",
  "RBENV_ROOT",
  "DOTNET_ROOT",
  // C and C++, accelerators
  "CC",
  "CXX",
  "CFLAGS",
  "CXXFLAGS",
  "CPPFLAGS",
  "LDFLAGS",
  "CPATH",
  "LIBRARY_PATH",
  "LD_LIBRARY_PATH",
  "PKG_CONFIG_PATH",
  "CMAKE_PREFIX_PATH",
  "CUDA_HOME",
  "CUDA_PATH",
  "CUDA_VISIBLE_DEVICES",
  "HIP_VISIBLE_DEVICES",
  "ROCR_VISIBLE_DEVICES",
  "ROCM_PATH",
]);

/** Proxy settings: passed only when commands may reach the network (they can carry a password). */
const PROXY_ENV = ["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY"];

/** Whether the user's variable `name` reaches commands. */
export function allowedEnvName(name: string, network: boolean): boolean {
  if (ALLOWED_ENV.has(name) || name.startsWith("LC_")) return true;
  return network && PROXY_ENV.includes(name.toUpperCase());
}

/**
 * The allow-listed part of `env` (the user's environment), plus the variables the user's own config
 * names in `[shell] pass_env` (`extra`; the caller withholds SmallCode's key whatever it says).
 */
export function allowedEnv(
  env: Readonly<Record<string, string | undefined>>,
  network: boolean,
  extra: readonly string[] = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env))
    if (v !== undefined && (allowedEnvName(k, network) || extra.includes(k))) out[k] = v;
  return out;
}
