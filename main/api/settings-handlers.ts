import type { Handlers } from './handler-types';
import { APP_VERSION } from './backend';
import { LATEST_SCHEMA_VERSION } from '../store/migrations/index';
import { LOCAL_AUTHORITIES } from '../catalogue/local-authorities';

export const settingsHandlers: Handlers<
  'app.info' | 'settings.get' | 'settings.setUserName' | 'localAuthorities.list'
> = {
  'app.info': (_req, { backend }) => ({
    appVersion: APP_VERSION,
    catalogueVersion: backend.catalogue.catalogueVersion,
    host: backend.options.host,
    dataDir: backend.options.dataDir,
    schemaVersion: LATEST_SCHEMA_VERSION,
  }),
  'settings.get': (_req, { backend }) => ({ userName: backend.settings.read().userName }),
  'settings.setUserName': (req, { backend }) => ({
    userName: backend.settings.setUserName(req.userName).userName ?? req.userName,
  }),
  'localAuthorities.list': () => ({ authorities: LOCAL_AUTHORITIES }),
};
