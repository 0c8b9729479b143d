import React from 'react';
import {Text} from '../text.js';
import {safeLine} from '../../domain/safe-text.js';
import type {StatusMessage} from '../../state/app-state.js';
import type {Theme} from '../theme.js';
import {fit} from '../text-fit.js';

const prefix = {info: '', warn: 'warning: ', error: 'error: '} as const;
const tone = {info: 'info', warn: 'warn', error: 'error'} as const;

/** The last outcome, cleared after a few seconds by the app. */
export function StatusLine({status, width, theme}: {status?: StatusMessage; width: number; theme: Theme}) {
	return <Text color={theme.color(status ? tone[status.kind] : undefined)}>{fit(status ? `${prefix[status.kind]}${safeLine(status.text)}` : '', width)}</Text>;
}
