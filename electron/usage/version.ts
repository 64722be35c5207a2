import packageJson from '../../package.json' with { type: 'json' }

/** Version of the app, written into every manifest. */
export const APP_VERSION: string = packageJson.version
