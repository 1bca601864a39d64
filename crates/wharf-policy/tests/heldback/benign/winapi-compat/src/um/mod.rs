//! `winapi::um::*` equivalents.

pub mod consoleapi {
    pub use windows_sys::Win32::System::Console::{
        AllocConsole, GetConsoleMode, ReadConsoleW, SetConsoleCtrlHandler, SetConsoleMode, WriteConsoleW,
    };
}

pub mod wincon {
    pub use windows_sys::Win32::System::Console::{
        FreeConsole, GetConsoleScreenBufferInfo, GetConsoleWindow, SetConsoleTextAttribute, SetConsoleTitleW,
        CONSOLE_SCREEN_BUFFER_INFO, ENABLE_PROCESSED_OUTPUT, ENABLE_VIRTUAL_TERMINAL_INPUT,
        ENABLE_VIRTUAL_TERMINAL_PROCESSING, ENABLE_WRAP_AT_EOL_OUTPUT, FOREGROUND_BLUE, FOREGROUND_GREEN,
        FOREGROUND_INTENSITY, FOREGROUND_RED,
    };
}

pub mod processenv {
    pub use windows_sys::Win32::System::Console::GetStdHandle;
    pub use windows_sys::Win32::System::Environment::{
        GetCommandLineW, GetCurrentDirectoryW, GetEnvironmentVariableW, SetEnvironmentVariableW,
    };
}

pub mod winbase {
    pub use windows_sys::Win32::System::Console::{STD_ERROR_HANDLE, STD_INPUT_HANDLE, STD_OUTPUT_HANDLE};
    pub use windows_sys::Win32::System::Diagnostics::Debug::{
        FormatMessageW, FORMAT_MESSAGE_FROM_SYSTEM, FORMAT_MESSAGE_IGNORE_INSERTS,
    };
    pub use windows_sys::Win32::System::Threading::INFINITE;
}

pub mod handleapi {
    pub use windows_sys::Win32::Foundation::{CloseHandle, DuplicateHandle, INVALID_HANDLE_VALUE};
}

pub mod errhandlingapi {
    pub use windows_sys::Win32::Foundation::{GetLastError, SetLastError};
}

pub mod processthreadsapi {
    pub use windows_sys::Win32::System::Threading::{
        ExitProcess, GetCurrentProcess, GetCurrentProcessId, GetCurrentThread, GetCurrentThreadId,
        GetExitCodeProcess, OpenProcess, TerminateProcess,
    };
}

pub mod synchapi {
    pub use windows_sys::Win32::System::Threading::{
        CreateEventW, CreateMutexW, ReleaseMutex, ResetEvent, SetEvent, Sleep, WaitForSingleObject,
    };
}

pub mod fileapi {
    pub use windows_sys::Win32::Storage::FileSystem::{
        CreateFileW, DeleteFileW, FlushFileBuffers, GetFileAttributesW, GetFileSizeEx, GetFileType,
        ReadFile, WriteFile, CREATE_ALWAYS, CREATE_NEW, OPEN_ALWAYS, OPEN_EXISTING, TRUNCATE_EXISTING,
    };
}

pub mod libloaderapi {
    pub use windows_sys::Win32::System::LibraryLoader::{
        FreeLibrary, GetModuleFileNameW, GetModuleHandleW, GetProcAddress, LoadLibraryExW,
        LOAD_LIBRARY_SEARCH_SYSTEM32,
    };
}

pub mod winnt {
    pub use windows_sys::Win32::Foundation::{GENERIC_READ, GENERIC_WRITE};
    pub use windows_sys::Win32::Storage::FileSystem::{
        FILE_ATTRIBUTE_NORMAL, FILE_SHARE_DELETE, FILE_SHARE_READ, FILE_SHARE_WRITE,
    };
}
