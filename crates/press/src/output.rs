//! Writing the compiled data so that a reader never sees half of it.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::BuildError;

/// Writes `files` (paths relative to `out`, all under `data/`) as a whole: they go to a
/// fresh folder beside `out/data`, which then replaces it in one rename. If anything fails
/// the previous `out/data` is left as it was.
pub fn write_data(out: &Path, files: &[(String, String)]) -> Result<(), BuildError> {
    replace_folder(out, "data", files)
}

/// Replaces the folder `out/name` with one holding `files` (paths relative to `out`, all
/// under `name/`), built beside it and swapped in by renames, so the old folder stays whole
/// if anything fails and no stale file survives.
pub fn replace_folder<C: AsRef<[u8]> + Sync>(
    out: &Path,
    name: &str,
    files: &[(String, C)],
) -> Result<(), BuildError> {
    let folder = out.join(name);
    let staging = out.join(format!(".{name}.new-{}", std::process::id()));
    let retired = out.join(format!(".{name}.old-{}", std::process::id()));
    let prefix = format!("{name}/");
    let result =
        write_all(&staging, &prefix, files).and_then(|()| swap(&folder, &staging, &retired));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn write_all<C: AsRef<[u8]> + Sync>(
    staging: &Path,
    prefix: &str,
    files: &[(String, C)],
) -> Result<(), BuildError> {
    if staging.exists() {
        fs::remove_dir_all(staging).map_err(|e| BuildError::io("could not clear", staging, e))?;
    }
    let paths: Vec<PathBuf> = files
        .iter()
        .map(|(rel, _)| staging.join(rel.strip_prefix(prefix).unwrap_or(rel)))
        .collect();
    // The folders first, each once, then the files on every core: a big blog's data is
    // a hundred thousand small files, and one thread waits on the disk for each.
    let folders: BTreeSet<&Path> = paths.iter().filter_map(|p| p.parent()).collect();
    fs::create_dir_all(staging).map_err(|e| BuildError::io("could not create", staging, e))?;
    for folder in folders {
        fs::create_dir_all(folder).map_err(|e| BuildError::io("could not create", folder, e))?;
    }
    paths
        .par_iter()
        .zip(files.par_iter())
        .try_for_each(|(path, (_, contents))| {
            fs::write(path, contents).map_err(|e| BuildError::io("could not write", path, e))
        })
}

fn swap(data: &Path, staging: &Path, retired: &Path) -> Result<(), BuildError> {
    let had_old = data.exists();
    if had_old {
        fs::rename(data, retired).map_err(|e| BuildError::io("could not move aside", data, e))?;
    }
    if let Err(e) = fs::rename(staging, data) {
        if had_old {
            let _ = fs::rename(retired, data);
        }
        return Err(BuildError::io("could not put in place", data, e));
    }
    if had_old {
        fs::remove_dir_all(retired).map_err(|e| BuildError::io("could not remove", retired, e))?;
    }
    Ok(())
}

/// Writes files (paths relative to `out`) one by one, each through a temporary file that
/// is renamed into place, so no reader sees a half-written file.
pub fn write_files(out: &Path, files: &[(String, String)]) -> Result<(), BuildError> {
    for (rel, contents) in files {
        let path = out.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| BuildError::io("could not create", parent, e))?;
        }
        let temp = path.with_file_name(format!(
            ".{}.new-{}",
            path.file_name().and_then(|n| n.to_str()).unwrap_or("file"),
            std::process::id()
        ));
        fs::write(&temp, contents).map_err(|e| BuildError::io("could not write", &temp, e))?;
        fs::rename(&temp, &path).map_err(|e| BuildError::io("could not put in place", &path, e))?;
    }
    Ok(())
}
