// The in-memory Platform every UI test renders against; the modules live in ./fake/.
export { createFakePlatform } from './fake/create';
export type { FakeAccountState, FakePlatform, FakeQuit, FakeWorld } from './fake/create';
export type { FakePhotoWorld, PhotoOutcome } from './fake/photos';
export { FAKE_APP_INFO, FAKE_CONFIGURATION, FAKE_PASSWORD, fakeMember, fakeTeam, LOCAL_WORKSPACE } from './fake/seed';
