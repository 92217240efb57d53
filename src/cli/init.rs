//! `clientele init`: write a commented `clientele.toml`.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::Path;

use super::ExitStatus;

/// The file `init` writes: every key with its default, and what it means.
pub(crate) const TEMPLATE: &str = include_str!("clientele.init.toml");

/// Write the template to `path`; an existing file is kept unless `force`.
pub(super) fn run(path: &Path, force: bool) -> io::Result<ExitStatus> {
    let mut options = OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        // Fails when the file exists, with no window between check and write.
        options.create_new(true);
    }
    let shown = path.display();
    match options.open(path) {
        Ok(mut file) => {
            file.write_all(TEMPLATE.as_bytes())?;
            file.sync_all()?;
            writeln!(io::stdout(), "wrote {shown}")?;
            Ok(ExitStatus::Success)
        }
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
            writeln!(
                io::stderr(),
                "error: {shown} already exists; pass --force to overwrite it"
            )?;
            Ok(ExitStatus::Error)
        }
        Err(error) => {
            writeln!(io::stderr(), "error: cannot write {shown}: {error}")?;
            Ok(ExitStatus::Error)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::TEMPLATE;
    use crate::config::{Config, Lexicons};
    use crate::rules::RULES;

    #[test]
    fn the_template_is_a_valid_config_that_lists_every_rule() {
        let mut lexicons = Lexicons::new("/".into()).unwrap();
        let path = Path::new("/project/clientele.toml");
        Config::from_toml(path, path, TEMPLATE, &mut lexicons).unwrap();
        for rule in RULES {
            let line = format!("\n{} = \"{}\"\n", rule.name, rule.default_severity.as_str());
            assert!(TEMPLATE.contains(&line), "{line:?}");
        }
    }

    #[test]
    fn the_commented_out_examples_are_valid_too() {
        let uncommented: String = TEMPLATE
            .lines()
            .map(|line| match line.strip_prefix("# ") {
                Some(rest)
                    if rest.starts_with("business =")
                        || rest.starts_with("[[overrides]]")
                        || rest.starts_with("paths =")
                        || rest.starts_with("rules =") =>
                {
                    rest
                }
                _ => line,
            })
            .map(|line| format!("{line}\n"))
            .collect();
        assert!(uncommented.contains("\nbusiness = \"relationship\"\n"));
        let mut lexicons = Lexicons::new("/".into()).unwrap();
        let path = Path::new("/project/clientele.toml");
        Config::from_toml(path, path, &uncommented, &mut lexicons).unwrap();
    }
}
