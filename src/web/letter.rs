//! The letter of medical necessity a person takes to their doctor, for an HSA or FSA
//! to pay for massage: prepared from the answers a results page or the pre-visit note
//! sends on, printed, and never stored.

use axum::{extract::State, response::Response};
use serde::Serialize;

use super::{
    errors::PageError,
    questionnaire::{answers_of, private, read_answers, show_form_again},
    templates::render,
};
use crate::{
    auth::{CsrfForm, CsrfToken},
    matching::{LetterRequest, letter_request, screen},
    state::AppState,
    wording,
};

#[derive(Serialize)]
struct LetterPage {
    title: String,
    /// `None` when massage is not for now (urgent care, or waiting to heal).
    letter: Option<LetterRequest>,
    /// The fitting kinds of massage, by name.
    massage: Vec<String>,
    not_a_diagnosis: String,
    answers: Vec<(String, String)>,
    csrf: String,
}

/// `POST /match/letter`
pub async fn print_letter(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    CsrfForm(pairs): CsrfForm,
) -> Result<Response, PageError> {
    let submitted = answers_of(&pairs);
    let q = read_answers(&submitted)?;
    let rules = state.rules.current();
    let answers = match q.raw_answers().validate(rules) {
        Ok(answers) => answers,
        Err(errors) => return show_form_again(&state, &q, errors, Vec::new(), csrf),
    };
    let screening = screen(&answers, rules);
    let letter = letter_request(&answers, &screening, rules);
    let page = LetterPage {
        title: wording::say("letter-title"),
        massage: letter
            .iter()
            .flat_map(|l| l.modalities.iter())
            .map(|slug| wording::modality_name(&state.catalogue, slug))
            .collect(),
        letter,
        not_a_diagnosis: rules.not_a_diagnosis.clone(),
        answers: submitted.0,
        csrf,
    };
    render(&state.templates, "questionnaire/letter.html", &page).map(private)
}
