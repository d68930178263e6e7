/**
 * Inside GitHub Actions every diagnostic is printed as a workflow command
 * (`::error file=…,line=…,col=…,title=…::message`), so it appears as an annotation on
 * the YAML line of the pull request or commit, with nothing to configure and no extra
 * step that could be skipped. It goes where diagnostics always go, stderr: the runner
 * reads workflow commands from stdout and stderr alike (actions/runner ScriptHandler
 * gives each its own OutputManager), and stdout stays free for --json. The message is the
 * usual compiler-style text, so the log reads as it does elsewhere.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import { relative, resolve, sep } from 'node:path';
import { formatDiagnostic, type Diagnostic, type Lang } from '../diagnostics.js';

/** GitHub sets GITHUB_ACTIONS=true in every step. */
export function inGitHubActions(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

/** Message text: the runner reads up to the end of the line, so line breaks are escaped. */
function escapeData(s: string): string {
  return s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Property values also end at `,` and `:`. */
function escapeProperty(s: string): string {
  return escapeData(s).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** The file as GitHub names it: relative to the checkout (GITHUB_WORKSPACE), with `/`. */
function repositoryPath(file: string, env: NodeJS.ProcessEnv): string {
  const rel = relative(env.GITHUB_WORKSPACE || process.cwd(), resolve(file));
  return (rel.startsWith('..') ? resolve(file) : rel).split(sep).join('/');
}

export function annotation(d: Diagnostic, lang: Lang, env: NodeJS.ProcessEnv = process.env): string {
  const file = repositoryPath(d.file, env);
  const props = [`file=${escapeProperty(file)}`];
  if (d.line > 0) props.push(`line=${d.line}`, `col=${Math.max(1, d.column)}`);
  props.push(`title=${escapeProperty(`ita-report ${d.code}`)}`);
  return `::${d.severity} ${props.join(',')}::${escapeData(formatDiagnostic({ ...d, file }, lang))}`;
}
