// Types of sandbox-check.mjs, for the tests (tsc does not read the .mjs).
export declare const SANDBOX_ADVICE: string;
export interface SandboxFacts {
  restricted: boolean;
  helper: { uid: number; mode: number } | null;
  profileNamesBinary: boolean;
}
export declare function sandboxWillAbort(facts: SandboxFacts): boolean;
export declare function isSandboxAbort(stderr: string): boolean;
export declare function readSandboxFacts(
  electronPath: string,
  where?: { sysctl?: string; apparmorDir?: string },
): SandboxFacts;
