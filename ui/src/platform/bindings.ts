export type AppInfo = { version: string, commit: string, profile: string, }

export type IpcError = { code: string, message: string, }
