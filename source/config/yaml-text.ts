/**
 * A config as YAML text, for the inspector and `inspect`: the one place
 * outside the store that turns data into YAML, so `yaml` stays inside config/.
 */
import {stringify} from 'yaml';

/** `value` as block YAML with no line folding (long values stay on one line). */
export function yamlText(value: unknown): string {
	return stringify(value, {lineWidth: 0});
}
