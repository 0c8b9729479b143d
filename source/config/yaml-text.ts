/**
 * A config as YAML text, for the inspector and `inspect`: the one place
 * outside the store that turns data into YAML, so `yaml` stays inside config/.
 */
import {parse, stringify} from 'yaml';

/** `value` as block YAML with no line folding (long values stay on one line). */
export function yamlText(value: unknown): string {
	return stringify(value, {lineWidth: 0});
}

/** YAML text as plain data, at most `maxAliasCount` aliases expanded (the settings file); throws on bad YAML. */
export function parseYaml(text: string, maxAliasCount: number): unknown {
	return parse(text, {maxAliasCount});
}
