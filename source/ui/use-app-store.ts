// The store, handed down through a context, read with zustand's useStore. Selectors may
// return fresh objects: useShallow keeps the previous one when nothing in it changed, so a
// component re-renders only when what it shows changes.
import {createContext, useContext} from 'react';
import {useStore} from 'zustand';
import {useShallow} from 'zustand/react/shallow';
import type {AppState} from '../store/state.js';
import type {AppActions, AppStore} from '../store/store.js';

export const AppStoreContext = createContext<AppStore | null>(null);

export function useAppStoreApi(): AppStore {
	const store = useContext(AppStoreContext);
	if (!store) throw new Error('useAppStore needs <AppStoreContext.Provider>');
	return store;
}

export function useAppStore<T>(selector: (state: AppState & AppActions) => T): T {
	return useStore(useAppStoreApi(), useShallow(selector));
}
