//! The zip of a `.xlsx` or `.ods` workbook: its directory checked before the zip reader trusts it, and the kind
//! of workbook it holds.

use std::io::{Read, Seek, SeekFrom};

use zip::ZipArchive;

use super::{MAX_META_BYTES, MAX_ZIP_ENTRIES, Sink, Stop, Wanted, le};

/// Checks the zip's end-of-directory records, every one in the file's last 64 KiB, before the zip reader
/// trusts one: a directory claiming more than [`MAX_ZIP_ENTRIES`] entries, or more than [`MAX_META_BYTES`]
/// bytes, is refused (the zip reader sizes its tables by these claims).
pub(super) fn check_directory<RS: Read + Seek>(rs: &mut RS) -> Result<(), String> {
    let broken = |e: std::io::Error| format!("the workbook's zip cannot be read: {e}");
    let len = rs.seek(SeekFrom::End(0)).map_err(broken)?;
    let tail_len = len.min(65_557 + 20);
    rs.seek(SeekFrom::Start(len - tail_len)).map_err(broken)?;
    let mut tail = Vec::new();
    rs.by_ref()
        .take(tail_len)
        .read_to_end(&mut tail)
        .map_err(broken)?;
    let too_many = |entries: u64, bytes: u64| -> Result<(), String> {
        if entries > MAX_ZIP_ENTRIES {
            return Err(format!(
                "the workbook's zip claims {entries} entries, more than the {MAX_ZIP_ENTRIES} a workbook \
                 may have"
            ));
        }
        if bytes > MAX_META_BYTES {
            return Err(format!(
                "the workbook's zip claims a directory of {bytes} bytes, more than the limit of \
                 {MAX_META_BYTES}"
            ));
        }
        Ok(())
    };
    let mut found = false;
    for at in memchr::memmem::find_iter(&tail, b"PK\x05\x06") {
        found = true;
        let entries = le(&tail, at + 10, 2);
        let bytes = le(&tail, at + 12, 4);
        if entries == 0xFFFF || bytes == 0xFFFF_FFFF {
            // Zip64: the locator, 20 bytes before, says where its record is.
            let Some(locator) = at.checked_sub(20) else {
                continue;
            };
            if tail.get(locator..locator + 4) != Some(b"PK\x06\x07") {
                continue;
            }
            let record = le(&tail, locator + 8, 8);
            if record >= len {
                continue;
            }
            rs.seek(SeekFrom::Start(record)).map_err(broken)?;
            let mut r = Vec::new();
            rs.by_ref().take(56).read_to_end(&mut r).map_err(broken)?;
            if r.get(..4) == Some(b"PK\x06\x06") {
                too_many(le(&r, 32, 8), le(&r, 40, 8))?;
            }
        } else {
            too_many(entries, bytes)?;
        }
    }
    if !found {
        return Err(
            "the workbook's zip has no directory at its end: the file is cut short or no zip"
                .into(),
        );
    }
    rs.seek(SeekFrom::Start(0)).map_err(broken)?;
    Ok(())
}

/// Reads a zip workbook: `.xlsx` here, `.ods` in [`super::ods`]; an `.xlsb` is refused by name.
pub(super) fn read<RS: Read + Seek>(
    mut rs: RS,
    wanted: &Wanted,
    sink: &mut Sink,
) -> Result<(), Stop> {
    check_directory(&mut rs)?;
    let mut zip =
        ZipArchive::new(rs).map_err(|e| format!("the workbook's zip cannot be read: {e}"))?;
    let names: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.into_owned())
        .collect();
    let has = |n: &str| names.iter().any(|m| m.eq_ignore_ascii_case(n));
    if has("xl/workbook.xml") {
        super::xlsx::read(&mut zip, &names, wanted, sink)
    } else if has("xl/workbook.bin") {
        Err(Stop::Why(
            "the file is an .xlsb (Excel binary workbook), which this reader does not read: open it in \
             Excel or WPS and save it as .xlsx (Excel Workbook)"
                .to_owned(),
        ))
    } else if has("content.xml") {
        super::ods::read(&mut zip, &names, wanted, sink)
    } else {
        Err(Stop::Why(
            "the file is a zip archive but no workbook: it holds neither xl/workbook.xml (.xlsx) nor \
             content.xml (.ods)"
                .to_owned(),
        ))
    }
}
