// Every screen, one record each: its keys, their help words and what each command runs (its
// controller, ./<name>.ts, lazygit's model), the rows a "screen" of it is (PgUp/PgDn), and its
// component. The store's stack names the screens (store/stack.ts); a name without a record here,
// or a record without a component, does not compile. App.tsx, key-target.ts, the help and the
// session (cli/controller.ts hands it this table) are built from it: nothing else lists the screens.
// (The controllers are modules of their own so that selectors may name their keys, keysFor,
// without importing the components that import those selectors.)
import type {ScreenName} from '../../store/stack.js';
import {ExportPrompt} from '../ExportPrompt.js';
import {FilterPrompt} from '../FilterPrompt.js';
import {HelpView} from '../HelpView.js';
import {JobScreen} from '../JobScreen.js';
import {jobTableRows} from '../job-selectors.js';
import {ListScreen} from '../ListScreen.js';
import {selectLogBodyRows} from '../log-selectors.js';
import {LogView} from '../LogView.js';
import {ResubmitPrompt} from '../ResubmitPrompt.js';
import {SearchPrompt} from '../SearchPrompt.js';
import {hasAlert, selectCountLines, selectListRows} from '../selectors.js';
import {EXPORT} from './export.js';
import {FILTER} from './filter.js';
import {HELP} from './help.js';
import {JOB} from './job.js';
import {LIST} from './list.js';
import {LOGS} from './logs.js';
import type {PageProps, RecordOf, Rows} from './record.js';
import {MODEL} from './model.js';
import {RESUBMIT} from './resubmit.js';
import {SEARCH} from './search.js';

export type {Page, PageProps, Prompt, ScreenRecord} from './record.js';

const logRows: Rows = (state, size) => ({logRows: selectLogBodyRows(state, size)});

function Help({size}: PageProps) {
	return <HelpView size={size} screens={Object.values(SCREENS)} />;
}

/** In this order in the help. */
export const SCREENS: {readonly [N in ScreenName]: RecordOf<N>} = {
	job: {...JOB, rows: (state, size) => ({listRows: jobTableRows(size, selectCountLines(state, size.columns), hasAlert(state))}), component: JobScreen},
	list: {...LIST, rows: (state, size) => ({listRows: selectListRows(state, size)}), component: ListScreen},
	logs: {...LOGS, rows: logRows, component: LogView},
	help: {...HELP, component: Help},
	filter: {...FILTER, slot: 'footer', component: FilterPrompt},
	search: {...SEARCH, rows: logRows, slot: 'page', component: SearchPrompt},
	export: {...EXPORT, slot: 'footer', component: ExportPrompt},
	resubmit: {...RESUBMIT, slot: 'page', footer: 'own', component: ResubmitPrompt},
	model: {...MODEL, slot: 'page', footer: 'own', component: ResubmitPrompt},
};
