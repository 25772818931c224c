// The run view's `/` prompt, in its status line's place while it is open: '/text▏  enter search · esc cancel'.
import {Text} from 'ink';
import {footerWords} from './keymap.js';
import {selectSearchPrompt} from './log-selectors.js';
import {SEARCH} from './screens/search.js';
import {useAppStore} from './use-app-store.js';

const HINT = `  ${footerWords(SEARCH).join(' · ')}`;

export function SearchPrompt() {
	const prompt = useAppStore(selectSearchPrompt);
	if (prompt === null) return null;
	return (
		<Text wrap="truncate-end">
			{prompt}
			<Text inverse> </Text>
			<Text dimColor>{HINT}</Text>
		</Text>
	);
}
