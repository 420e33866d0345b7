# Las palabras del sitio en español: español neutro de América Latina, palabras
# sencillas y "usted" (véase el glosario clínico). Cada clave de aquí está también
# en el catálogo inglés.

language-name = Español

## Todas las páginas

site-name = Buscador de Terapeutas Clínicos
site-description = Encuentre masajistas terapéuticos con licencia y formación clínica para el dolor de espalda, de cuello o de ciática, después de un breve control de seguridad que sabe cuándo consultar primero a un médico.
nav-skip = Ir al contenido
nav-label = Principal
nav-search = Buscar
nav-questionnaire = Cuestionario del dolor
nav-admin = Administración
nav-dashboard = Mi panel
nav-log-out = Cerrar sesión
nav-for-practitioners = Para profesionales
nav-language = Idioma
nav-signed-in = Sesión iniciada como { $email }
footer-notice = Este buscador no hace diagnósticos. En una emergencia, llame al número de emergencias de su zona.

## El cuestionario

q-title = Encuentre el tipo de ayuda adecuado
q-title-check = Revise sus respuestas
q-heading = Encuentre el tipo de ayuda adecuado para su dolor
q-intro = Una sola pantalla, menos de un minuto. Primero revisamos si hay señales de alarma y después le mostramos profesionales con licencia y formación para su tipo de dolor. Sus respuestas no se guardan.
q-check-answers = Revise las respuestas marcadas abajo.
q-which-place = ¿A qué lugar se refiere?
q-regions = 1. ¿Dónde le duele? (elija una o más zonas)
q-duration = 2. ¿Desde hace cuánto tiempo tiene el dolor?
q-pain = 3. ¿Cuánto le duele ahora? (0 = nada, 10 = el peor dolor imaginable)
q-choose = Elija…
q-age = 4. Su edad (opcional)
q-red-flags = 5. ¿Le pasa ahora alguna de estas cosas? (marque las que correspondan)
q-conditions = 6. ¿Tiene alguno de estos problemas de salud?
q-pressure = 7. La presión que prefiere
q-goal = 8. ¿Qué es lo que más desea?
q-where = 9. ¿Dónde está y hasta qué distancia está dispuesto(a) a ir?
q-submit = Ver mi resultado
near-label = Código postal, ciudad o coordenadas
near-placeholder = p. ej., 78701 o Austin, TX
near-locate = Usar mi ubicación
reach-within = Dentro de
reach-unit = Unidad
reach-by-place = según el lugar
unit-mi = millas
unit-km = km
answer-choose-offered = elija entre las respuestas ofrecidas
answer-regions = elija al menos una zona donde le duela
answer-duration = elija desde hace cuánto tiempo tiene el dolor
answer-pressure = elija una presión
answer-goal = elija lo que más desea
answer-age = elija un rango de edad, o prefiero no decirlo
answer-pain-range = debe ser un número entero del 0 al 10
answer-pain = indique su dolor del 0 al 10

## El resultado y los profesionales

verdict-urgent = Busque atención médica ahora
verdict-doctor = Consulte primero a un médico antes de reservar un masaje
verdict-postpone = Espere antes de reservar un masaje
verdict-cleared = Su médico le dio autorización: estos son los profesionales para usted
verdict-proceed = Estos son los profesionales que se ajustan a sus respuestas
verdict-urgent-body = Sus respuestas incluyen una señal de alarma que necesita un médico o atención de urgencia hoy mismo. No reserve un masaje. Vaya hoy a un centro de atención urgente o a una sala de emergencias.
verdict-urgent-call = Llame al 911
verdict-urgent-call-when = si los síntomas son graves o empeoran rápido (fuera de los Estados Unidos, llame al número de emergencias de su zona).
verdict-doctor-body = El masaje quizá le ayude más adelante, pero primero un médico debe revisar qué le causa el dolor.
verdict-postpone-body = Vuelva cuando esto haya sanado.
verdict-cleared-body = Lleve a su primera sesión lo que le indicó su médico y cuéntele al profesional lo que le dijo.
verdict-also = Dígale también al médico
verdict-open-note = Abrir una nota para llevar a su médico
verdict-cleared-button = Un médico me revisó y me dijo que el masaje está bien
precautions-heading = Precauciones
precautions-open-note = Abrir una nota para imprimir para su médico y su masajista
precaution-high-pain = Su dolor es de { $pain } sobre 10: primero van las técnicas suaves e indirectas (liberación miofascial, masaje sueco), y el masaje de tejido profundo queda más abajo.
matches-heading = Profesionales para usted cerca de { $place }
matches-ranked = Ordenados según cuánto se ajusta cada profesional a sus respuestas, a menos de { $radius } { $unit }.
matches-see-map = Verlos en el mapa.
matches-next-open = Próximo horario libre:
matches-why = Por qué se lo mostramos
matches-none = Ningún profesional a menos de { $radius } { $unit } de { $place } se ajusta a estas respuestas. Pruebe con una distancia mayor.
matches-map-what = profesionales, en orden
share-heading = Guardar o compartir este resultado
share-holds = Este enlace abre este resultado. Contiene sus respuestas: { $holds }. Cualquiera que tenga el enlace puede leerlas, y el navegador lo guarda en su historial; compártalo solo con personas de confianza.
share-link-label = Enlace a este resultado
share-not-in-address = Sus respuestas no están en la dirección de esta página, así que no quedan en el historial de su navegador. Un enlace a este resultado sí las contendría.
share-make-link = Crear un enlace para compartir este resultado
share-change-answers = Cambiar mis respuestas
holds-pain = dónde le duele, desde cuándo y cuánto
holds-red-flags = las señales de alarma que marcó
holds-conditions = los problemas de salud que marcó (como embarazo o medicamentos)
holds-age = su rango de edad
holds-cleared = que un médico le dio autorización
holds-rest = la presión y el objetivo que eligió, y el lugar cerca del que buscó
card-away = a { $distance }
card-badges = Distintivos
card-verified-licence = Licencia verificada
card-verified-licence-number = Licencia verificada { $licence }
card-licence-unverified = Licencia { $licence } sin verificar
card-accepting = Acepta clientes nuevos
card-demo = Perfil de demostración
card-set-aside = No es para usted por ahora: { $techniques }. Pida que no se use.

## La nota para la consulta

note-title = Su nota para la consulta
note-back = Volver a su resultado
note-heading = Nota para la consulta
note-print = Imprima esta página, o guárdela como PDF con la opción Imprimir de su navegador, y llévela con usted. Este sitio no guarda nada de lo que respondió.
note-intro-clearance = Me recomendaron consultar a un médico antes de reservar un masaje y preguntar si el masaje es seguro para mí.
note-intro-cleared = Un médico me dijo que el masaje está bien. Estas son las precauciones que siguen siendo necesarias.
note-intro-precautions = Estas precauciones se aplican a un masaje para mí.
note-answers = Mis respuestas
note-doctor-clearance = Para el médico: la autorización que solicito
note-doctor-questions = Preguntas para mi médico
note-doctor-advice = Indicaciones del médico:
note-therapist-after-doctor = Para el masajista, cuando un médico haya dicho que el masaje está bien
note-therapist = Para el masajista
note-none = Estas respuestas no necesitan nota: nada en ellas pide la autorización de un médico ni una precaución que comunicar.
note-q-where = Dónde me duele
note-q-how-long = Desde cuándo
note-q-pain = Dolor ahora
note-q-conditions = Problemas de salud
note-q-age = Edad
note-q-warning-signs = Señales de alarma
note-q-pressure = Presión preferida
note-pain-score = { $pain } sobre 10
note-no-conditions = Ninguno de los que se preguntan
note-ask-clearance = { $reason } ¿Es seguro para mí un masaje ahora, y hay alguna presión, zona o postura que deba evitarse?
note-ask-clearance-rule-out = { $reason } Por favor, descarte { $rule_out }. ¿Es seguro para mí un masaje ahora, y hay alguna presión, zona o postura que deba evitarse?
note-ask-condition = Tengo este problema de salud: { $condition }. ¿Hay alguna presión, zona o postura que un masajista deba evitar?
note-ask-high-pain = Mi dolor es de { $pain } sobre 10. ¿Es adecuado un masaje suave mientras el dolor sea tan fuerte?
note-tell-where = Dónde me duele: { $regions }; dolor de { $pain } sobre 10.
note-tell-doctor-said = Lo que dijo el médico sobre el masaje, y lo que hay que evitar.

## Cómo trabaja un profesional, y por qué se lo mostramos

list-and = { $first } y { $last }
approach-clinical = Enfoque clínico
approach-clinical-meaning = Trabaja sobre un dolor concreto: respondió que sí a por lo menos { $least } de las 5 preguntas de práctica clínica.
approach-mixed = Mixto: clínico y de relajación
approach-mixed-meaning = Ofrece algo de trabajo clínico además del masaje de relajación. Pregúntele cómo trataría su dolor.
approach-relaxation = Enfoque de relajación
approach-relaxation-meaning = Sobre todo masaje de relajación. Para un dolor concreto y duradero, es mejor empezar con un profesional de enfoque clínico.
approach-offers-none = No ofrece ninguna de las técnicas clínicas ({ $techniques })
approach-offers = Ofrece { $techniques }
approach-brief =
    { $yes } de 5 respuestas clínicas con sí · { $techniques ->
        [0] ninguna técnica clínica
        [one] 1 técnica clínica
       *[other] { $techniques } técnicas clínicas
    } · { $hours } horas de formación
approach-evidence-answers = Sí a { $yes } de las 5 preguntas de práctica clínica ({ $least } o más cuentan como clínico)
approach-evidence-hours-enough = { $hours } horas de formación registradas ({ $least } o más)
approach-evidence-hours-fewer = { $hours } horas de formación registradas (menos de { $least })
reason-fits = { $technique }, adecuado para { $region }
reason-goal = Ofrece { $technique }, que se ajusta a su objetivo
reason-focus = Se especializa en { $regions }
reason-licence =
    { $date ->
        [none] Licencia { $licence }, verificada
       *[other] Licencia { $licence }, verificada el { $date }
    }
reason-training = { $hours } horas de formación
reason-clinical-practice = Responde que sí a { $yes } de 5 preguntas de práctica clínica
reason-outcome = Informa un dolor mediano de { $before } → { $after } en { $count } sesiones
reason-accepting = Acepta clientes nuevos
reason-gentle = Ofrece técnicas suaves adecuadas para un dolor fuerte
reason-prenatal = Formación prenatal
reason-oncology = Formación en oncología
reason-distance = A { $distance }

## Técnicas y accesibilidad

modality-myofascial_release = Liberación miofascial
modality-trigger_point = Terapia de puntos gatillo
modality-swedish = Masaje sueco
modality-clinical = Masaje clínico (médico)
modality-deep_tissue = Masaje de tejido profundo
modality-sports = Masaje deportivo
modality-prenatal = Masaje prenatal
modality-oncology = Masaje oncológico
modality-shiatsu = Shiatsu
modality-thai = Masaje tailandés
modality-hot_stone = Masaje con piedras calientes
modality-lymphatic_drainage = Drenaje linfático
access-step_free = Entrada sin escalones
access-adjustable_table = Camilla de altura regulable
access-seated_or_side_lying = Trabajo sentado(a) o de lado
access-mobile_service = Servicio a domicilio
access-scent_free = Sala sin perfumes

## El mapa

map-title = Mapa de { $place }
map-description = Un mapa de la zona a menos de { $radius } { $unit } de { $place }.
map-caption-none = La cruz marca el lugar buscado.
map-caption-one = El marcador indica { $what }.
map-caption-many = Los números coinciden con la lista. La cruz marca el lugar buscado; los marcadores están a su distancia y en su dirección reales.
map-pins =
    { $count ->
        [one] Un marcador indica { $what }.
       *[other] { $count } marcadores numerados para { $what }, con los mismos números que la lista.
    }
map-nearby = Lugares cercanos: { $places }.
map-nearby-place = { $place } ({ $distance } al { $direction })
map-what-practice = el consultorio
map-what-practice-area = la zona del consultorio (el profesional muestra solo la ciudad)
map-what-results = los resultados de esta página
compass-north = norte
compass-north-east = noreste
compass-east = este
compass-south-east = sureste
compass-south = sur
compass-south-west = suroeste
compass-west = oeste
compass-north-west = noroeste

## Inicio y búsqueda

home-title = Encuentre un masajista terapéutico clínico
home-heading = Encuentre un masajista terapéutico clínico para el dolor de espalda, de cuello o de ciática
home-intro = Profesionales con licencia y horas reales de formación en liberación miofascial, puntos gatillo, masaje sueco y masaje clínico, no un menú de spa.
home-questionnaire = Responda 8 preguntas rápidas para un control de seguridad y ver profesionales para usted
home-search = Buscar cerca de usted
home-browse = Ver profesionales
search-title = Resultados de la búsqueda
search-heading = Encontrar un profesional
search-refine = Cambiar el lugar, la distancia o los filtros
search-results = Resultados
search-approach = Cómo trabaja
search-approach-any = Cualquier enfoque
search-approach-clinical = Solo enfoque clínico
search-approach-mixed = Enfoque clínico o mixto
search-order = Orden
search-order-nearest = Primero los más cercanos
search-order-clinical = Primero los más clínicos, luego los más cercanos
search-more-filters = Más filtros
search-more-filters-chosen =
    Más filtros ({ $count ->
        [one] 1 elegido
       *[other] { $count } elegidos
    })
search-text = Nombre, consultorio o ciudad (opcional)
search-techniques = Técnicas (cualquiera de ellas)
search-accessibility = Accesibilidad (todas ellas)
search-verified-only = Solo con licencia verificada
search-none = Ningún profesional coincide. Pruebe con una distancia mayor o menos filtros.
search-pages = Páginas
search-previous = Página anterior
search-next = Página siguiente
search-page-of = Página { $page } de { $pages }
search-summary-nearest =
    { $count ->
        [one] 1 profesional
       *[other] { $count } profesionales
    } a menos de { $radius } { $unit } de { $place }, primero los más cercanos.
search-summary-clinical =
    { $count ->
        [one] 1 profesional
       *[other] { $count } profesionales
    } a menos de { $radius } { $unit } de { $place }, primero los más clínicos y luego los más cercanos.
search-near-missing = Escriba un código postal, una ciudad (por ejemplo, "Austin, TX") o unas coordenadas.
search-not-a-choice = { $given } no es una de las opciones. Elija de la lista.
search-no-such-page = No hay una página { $given } de resultados. Las páginas van del 1 al { $last }.
search-past-end =
    { $pages ->
        [0] No hay página { $page }: esta búsqueda no encontró profesionales.
        [1] No hay página { $page }: los resultados caben en una página.
       *[other] No hay página { $page }: los resultados ocupan { $pages } páginas.
    }
search-first-page = Ir a la primera página
search-last-page = Ir a la última página
search-results-link = Ir a los resultados
place-missing = escriba un código postal, una ciudad (por ejemplo, "Austin, TX") o lat,lng
place-ambiguous = coincide con varios lugares: { $places }; agregue un estado o un país
place-near-miss = no encontramos { $given }; ¿quiso decir { $places }?
place-or = { " " }o{ " " }
place-unknown = no encontramos { $given }; pruebe con un código postal de 5 dígitos, "Ciudad, ST" o "Ciudad, código de país"
error-not-found = No se encontró la página
error-went-wrong = Algo salió mal
error-did-not-work = No se pudo completar
error-back = Volver a la búsqueda

## La API

api-invalid = Algunos parámetros no son válidos.

## Idiomas que se hablan

language-en = inglés
language-es = español
language-zh = chino
language-tl = tagalo
language-vi = vietnamita
language-ar = árabe
language-fr = francés
language-ko = coreano
language-ru = ruso
language-ht = criollo haitiano
language-pt = portugués
language-de = alemán
language-hi = hindi
language-it = italiano
language-pl = polaco
language-ja = japonés
search-language = Habla
search-language-any = Cualquier idioma
reason-language = Habla { $language }
q-language-unknown = Elija un idioma de la lista.

## La página del profesional

profile-og-description = { $kind } en { $place }
profile-demo = Este es un perfil de demostración, creado para mostrar cómo funciona el directorio. No es un profesional real.
profile-accepting = Acepta clientes nuevos
profile-not-accepting = No acepta clientes nuevos
profile-availability-unknown = Disponibilidad no confirmada recientemente
profile-choose-time = Elegir un horario
profile-call = Llamar
profile-directions = Cómo llegar
profile-approach-heading = Cómo trabaja este profesional
profile-approach-rule = Se calcula con una sola regla a partir de las respuestas del profesional que aparecen abajo, sus técnicas y su registro de formación; nunca se marca a mano. «Enfoque clínico» requiere al menos 3 respuestas afirmativas y 5 de estos 7 puntos: cada sí, cualquier técnica clínica y 500 horas o más de formación.
profile-open-times = Horarios libres
profile-open-intro = Sesiones de { $lengths }. Los horarios siguen el reloj del consultorio: { $zone }. Del { $first } al { $last }:
form-leave-empty = Deje esto vacío
profile-length = Duración
profile-minutes = { $minutes } minutos
form-your-name = Su nombre
form-your-email = Su correo electrónico
profile-booking-note = Nota (opcional; aquí no hace falta ningún dato de salud)
profile-request-time = Pedir este horario
profile-booking-how = Le enviamos un enlace por correo para confirmar. Una vez que confirme, el horario queda reservado para usted durante 24 horas mientras el profesional responde.
profile-no-open-times = No hay horarios libres en estos días.
profile-earlier = Horarios anteriores
profile-later = Horarios posteriores
profile-about = Acerca de
profile-address = Dirección
profile-phone = Teléfono
profile-email = Correo electrónico
profile-languages = Idiomas
profile-website = Sitio web
profile-licence = Licencia
profile-number = Número
profile-state = Estado
profile-kind = Tipo
profile-expires = Vence
profile-no-expiry = Sin fecha de vencimiento
profile-verified = Verificada
profile-not-verified = No verificada por el directorio
profile-board = Junta
profile-not-on-file = No consta
profile-check-licence = Consultar esta licencia en el buscador de la propia junta
profile-no-lookup = El directorio no tiene la dirección del buscador público de esta junta.
profile-no-licence = No hay licencia registrada.
profile-where = Dónde
profile-training = Formación: { $hours } horas
profile-ledger = Registro de formación
profile-course = Curso
profile-provider = Centro
profile-technique = Técnica
profile-hours = Horas
profile-completed = Terminado
profile-general = General
profile-techniques-heading = Técnicas y enfoque
profile-techniques = Técnicas:
profile-focus = Enfoque:
profile-clinical = Práctica clínica
profile-outcomes = Resultados informados
profile-outcomes-text = Dolor mediano { $before } → { $after } de 10 en { $count } sesiones, según informa el profesional.
profile-client-heading = Lo que informaron los clientes
profile-client-intro = Informado por los propios clientes después de visitas reservadas aquí, aparte de las cifras del profesional. Una zona aparece cuando 10 clientes han informado sobre ella.
profile-client-region = { $region }: { $count } informes; el dolor mediano bajó { $change } puntos de 10; el { $percent } % volvería.
profile-answered = El profesional respondió:
profile-request = Pedir una cita
profile-message = Mensaje (cuándo le conviene y en qué le gustaría recibir ayuda)
profile-send-request = Enviar la solicitud
profile-report-heading = Avisar de información desactualizada o incorrecta
profile-report-what = ¿Qué está mal?
profile-report-contact = Su correo o teléfono (opcional, si podemos consultarle)
profile-send-report = Enviar el aviso

## Días y horas

weekday-0 = lunes
weekday-short-0 = lun
weekday-1 = martes
weekday-short-1 = mar
weekday-2 = miércoles
weekday-short-2 = mié
weekday-3 = jueves
weekday-short-3 = jue
weekday-4 = viernes
weekday-short-4 = vie
weekday-5 = sábado
weekday-short-5 = sáb
weekday-6 = domingo
weekday-short-6 = dom
month-1 = enero
month-short-1 = ene
month-2 = febrero
month-short-2 = feb
month-3 = marzo
month-short-3 = mar
month-4 = abril
month-short-4 = abr
month-5 = mayo
month-short-5 = may
month-6 = junio
month-short-6 = jun
month-7 = julio
month-short-7 = jul
month-8 = agosto
month-short-8 = ago
month-9 = septiembre
month-short-9 = sep
month-10 = octubre
month-short-10 = oct
month-11 = noviembre
month-short-11 = nov
month-12 = diciembre
month-short-12 = dic
date-long = { $weekday }, { $day } de { $month }
date-short = { $weekday } { $day } { $month }
list-or = { $first } o { $last }
minutes-long = { $list } minutos
minutes-short = { $list } min
day-today = hoy
day-tomorrow = mañana
next-open-label = { $day } { $time } { $zone }
profile-date-unread = No pudimos leer esa fecha; estos son los próximos días.
practice-clinic = Consultorio
practice-home_based = Consulta en casa
practice-mobile = Móvil (va a su domicilio)
practice-spa = Spa
profile-cp-whole-session = Dedica toda la sesión a una zona, como la parte baja de la espalda, las caderas y los muslos
profile-cp-myofascial = Usa técnicas miofasciales
profile-cp-posture = Evalúa la postura y explica los desequilibrios posturales
profile-cp-referral = Trabaja el dolor referido, como caderas que causan dolor en la parte baja de la espalda
profile-cp-minimal-oil = Trabaja casi sin aceite y lo usa solo al final
profile-yes = Sí
profile-no = No
profile-not-answered = Sin respuesta
profile-verified-roster = cotejada con la lista publicada por la junta estatal
profile-verified-lookup = comprobada por un administrador en el buscador de la propia junta
profile-verified-document = comprobada por un administrador que vio el documento de la licencia
profile-verified-admin = comprobada por un administrador
profile-verified-on = El { $date }, { $how }
profile-kind-board = Certificación de junta
profile-kind-state = Licencia estatal
profile-standing-until = Verificada y vigente hasta el { $date }
profile-standing-current = Verificada y vigente
profile-standing-pending = Aún no verificada: el directorio todavía no ha comprobado esta licencia
profile-standing-expired-on = Venció el { $date }
profile-standing-expired = Vencida
profile-standing-rejected = No aceptada: el directorio no pudo verificar esta licencia
profile-request-sent = Su solicitud se envió. El profesional le responderá por correo electrónico.
profile-request-limit = Ha enviado varias solicitudes en poco tiempo. Vuelva a intentarlo dentro de una hora.
profile-report-thanks = Gracias. Los administradores del directorio revisarán este perfil.
profile-report-limit = Ha enviado varios avisos en poco tiempo. Vuelva a intentarlo dentro de una hora.
search-place-ambiguous = { $given } coincide con varios lugares. Elija uno abajo.
search-place-near-miss = No encontramos { $given }. ¿Quiso decir uno de los lugares de abajo?
search-place-unknown = No encontramos { $given }. Pruebe con un código postal de 5 dígitos o "Ciudad, ST".
search-correct-fields =
    { $count ->
        [one] Corrija el campo marcado abajo.
       *[other] Corrija los campos marcados abajo.
    }
reach-farthest = Lo más lejos que llega una búsqueda es { $radius } { $unit }.
error-no-page = No encontramos esa página.
error-no-practitioner = No hay ningún profesional en esta dirección.

## Correo a los clientes sobre sus visitas

date-moment = { $day }, a las { $time } { $zone }
mail-confirm-subject = Confirme su solicitud de visita
mail-confirm =
    Usted pidió una visita de { $minutes } minutos con { $name } el { $when }.
    
    Confirme su solicitud con este enlace dentro de 24 horas: { $link }
    
    Hasta que confirme, el horario no queda reservado y { $name } no ve la solicitud. Si usted no pidió esto, ignore este correo.
mail-held-subject = Su horario está reservado
mail-held =
    Su solicitud para el { $when } con { $name } está confirmada, y el horario queda reservado para usted hasta el { $until }. { $name } la aceptará, la rechazará o le propondrá otro horario, y en cualquier caso recibirá un correo.
    
    Para retirar la solicitud: { $link }
mail-booked-subject = Visita confirmada
mail-moved-subject = Visita cambiada de horario
mail-booked =
    Su visita de { $minutes } minutos con { $name } es el { $when }, en { $place }. La invitación va adjunta para su calendario.
    
    Para cancelar o cambiar la visita: { $link }
mail-cancelled-subject = Visita cancelada
mail-cancelled =
    { $name } canceló la visita del { $when }. Su calendario puede quitarla con la cancelación adjunta.
    
    Para buscar otro horario: { $profile }
mail-cancelled-by-you =
    Usted canceló la visita del { $when } con { $name }. Su calendario puede quitarla con la cancelación adjunta.
    
    Para buscar otro horario: { $profile }
mail-declined-subject = Su solicitud de visita
mail-declined = { $name } no puede atenderle el { $when }. Otros horarios libres: { $profile }#open-times
mail-proposed-subject = Le proponen otro horario
mail-proposed =
    { $name } no puede atenderle en el horario que pidió y le propone en su lugar el { $when }, por { $minutes } minutos. El horario queda reservado para usted durante 24 horas.
    
    Acéptelo o rechácelo aquí: { $link }
mail-lapsed-subject = Su solicitud venció
mail-lapsed = Su solicitud para el { $when } con { $name } no recibió respuesta en 24 horas, así que el horario ya no está reservado. Otros horarios libres: { $profile }#open-times
mail-ask-report-subject = ¿Cómo le fue en su visita?
mail-ask-report =
    ¿Cómo le fue en su visita con { $name } el { $when }?
    
    Cuente a otras personas con dolor qué hizo por usted: su dolor antes y ahora, y unas preguntas de sí o no. Toma un minuto, no necesita cuenta y en el perfil solo aparece como cifras y, si escribe uno, como un comentario con sus iniciales una vez que nuestros administradores lo aprueben. Si algo salió mal, puede decírselo en privado a nuestros administradores en la misma página.
    
    { $link }
    
    El enlace funciona durante 30 días.
mail-reminder-subject = Su visita de mañana
mail-reminder =
    Un recordatorio: su visita de { $minutes } minutos con { $name } es el { $when }, en { $place }.
    
    Para cancelarla o cambiarla, use el enlace del correo que confirmó la visita.

## La página de la visita

visit-heading = Su visita con { $name }
visit-standing = Estado
visit-confirm = Confirmar mi solicitud
visit-take = Aceptar este horario
visit-move-heading = Cambiar la visita de horario
visit-zone = Los horarios siguen el reloj del consultorio: { $zone }.
visit-choose-new = Elija un horario nuevo
visit-move = Cambiar a este horario
visit-no-times = No hay otros horarios libres en las próximas dos semanas.
visit-their-page = La página de { $name }
visit-check-email = Revise su correo
visit-check-email-text = Enviamos un enlace a { $email }. Ábralo dentro de 24 horas para confirmar su solicitud; solo entonces el horario queda reservado para usted y se envía a { $name }.
visit-back = Volver a la página del profesional
visit-unconfirmed = Aún no confirmada: el horario no queda reservado hasta que confirme.
visit-proposed = { $name } le propone este horario en lugar del que pidió. Queda reservado para usted hasta el { $until }.
visit-held = Reservado para usted hasta el { $until }, a la espera de la respuesta de { $name }.
visit-booked = Reservada.
visit-past = La hora de esta visita ya pasó.
visit-declined = El profesional la rechazó.
visit-cancelled = Cancelada.
visit-taken = La solicitud de otra persona para este horario se confirmó primero.
visit-lapsed = Ya no está reservado: la solicitud venció.
visit-title = Su visita
visit-cancel = Cancelar la visita
visit-decline = Rechazar este horario
visit-withdraw = Retirar la solicitud
visit-held-title = Su horario está reservado
visit-held-text = El { $when } queda reservado para usted hasta el { $until }. { $name } lo aceptará, lo rechazará o le propondrá otro horario, y en cualquier caso le escribiremos.
visit-taken-title = Ese horario ya se ocupó
visit-taken-text = La solicitud de otra persona para el { $when } se confirmó primero, así que no hay nada reservado para usted. Elija otro horario libre.
visit-choose-time = Elija uno de los horarios libres.
visit-choose-length = Elija una duración.
visit-booked-title = Su visita está reservada
visit-booked-text = Su visita es el { $when }. Le enviamos por correo la invitación para su calendario.
visit-moved-title = La visita cambió de horario
visit-moved-text = Ahora la visita es el { $when }. A los dos les enviamos por correo la invitación actualizada.
visit-cancelled-title = Cancelada
visit-cancelled-text = Está cancelada y el horario vuelve a estar libre. A los dos les enviamos un correo.
fields-invalid = Algunos campos no son válidos.
form-name-invalid = Escriba su nombre (hasta 100 caracteres).
form-email-invalid = Escriba una dirección de correo como nombre@ejemplo.com.
visit-note-too-long = La nota debe tener como máximo { $max } caracteres de texto.
visit-lengths-offered = Elija una de las duraciones ofrecidas: { $lengths } minutos.
visit-time-passed = Ese horario ya pasó. Elija uno de los horarios libres.
visit-time-not-open = Ese horario no está libre para { $minutes } minutos. Elija uno de los horarios libres.
visit-cannot-confirm = Esta solicitud ya no se puede confirmar. Vuelva a elegir un horario en la página del profesional.
visit-rate-limited = Ha pedido varios horarios en poco tiempo. Vuelva a intentarlo dentro de una hora.
visit-too-many-waiting = Ya tiene { $max } solicitudes en espera. Confirme o retire una, o espere una respuesta, antes de pedir otro horario.
visit-no-open-times = Este profesional no tiene horarios libres para elegir. Envíele un mensaje desde su página.
contact-message-invalid = Escriba un mensaje de hasta { $max } caracteres.

## El informe de la visita

report-yes = sí
report-no = no
report-sent-area = Zona tratada: { $area }
report-sent-pain = Dolor antes: { $before } de 10; dolor ahora: { $now } de 10
report-sent-pressure = Presión como la pidió: { $answer }
report-sent-consent = Le explicaron el consentimiento y cómo se cubre el cuerpo: { $answer }
report-sent-return = Volvería: { $answer }
report-board-of = La junta de licencias de { $state }
report-title = El informe de su visita
report-thanks = Gracias. Recibimos su informe.
report-deleted = Su informe se borró.
report-yours = Su informe
report-counts = Cuenta en la página de { $name } entre los informes de los propios clientes, sin su nombre. Puede borrarlo.
report-delete = Borrar mi informe
report-how = ¿Cómo le fue?
report-pain-before = Su dolor antes de la visita (0 = nada, 10 = el peor)
report-pain-now = Su dolor ahora
report-choose = Elija
report-area = La zona tratada
report-pressure = ¿La presión fue la que pidió?
report-consent = ¿Le explicaron el consentimiento y cómo se cubre el cuerpo?
report-return = ¿Volvería?
report-comment = Un comentario para otras personas con dolor (opcional, hasta { $max } caracteres; se muestra con sus iniciales cuando nuestros administradores lo aprueben)
report-send = Enviar mi informe
report-not-yet = Podrá informar sobre esta visita cuando haya tenido lugar.
report-safety-heading = ¿Algo salió mal?
report-safety-thanks = Gracias por contárnoslo. Nuestros administradores leen cada aviso como este; nunca se muestra en el sitio.
report-safety-intro = Si se sintió inseguro o se cruzó un límite, díganoslo en privado. Esto nunca aparece en el sitio.
report-what = Qué pasó
report-safety-send = Enviar en privado a los administradores
report-board = También puede presentar una queja ante la junta estatal que otorga licencias a los masajistas
report-danger = Si está en peligro, llame al 911.

# The profile editor: field errors and the dashboard to-do list
edit-required = Este dato es obligatorio.
edit-too-long = Use como máximo { $max } caracteres.
edit-date-future = La fecha no puede ser futura.
edit-date = Escriba una fecha como 2015-05-15 o 05/15/2015.
edit-whole = Escriba un número entero de { $min } a { $max }.
edit-phone = Escriba un número de teléfono, como 512-555-0100 o +1 512 555 0100.
edit-email = Escriba un correo electrónico como nombre@example.com.
edit-website = Escriba la dirección completa, empezando por https://
edit-state = Elija su estado.
edit-zip = Escriba un código postal (ZIP) de 5 dígitos.
edit-unplaced = No pudimos ubicar “{ $query }” en el mapa. Revise la ciudad, el estado y el código postal.
edit-techniques = Elija técnicas de la lista.
edit-regions = Elija zonas de la lista.
edit-practice-type = Elija un tipo de práctica.
edit-prenatal = Primero añada un curso de masaje prenatal a su registro de formación.
edit-oncology = Primero añada un curso de masaje oncológico a su registro de formación.
edit-currency = Elija una moneda.
edit-languages = Elija idiomas de la lista.
edit-accessibility = Elija características de la lista.
edit-lengths = Elija duraciones de la lista.
edit-lengths-none = Elija al menos una duración de sesión.
edit-lengths-fit = Ninguno de sus horarios es lo bastante largo para una sesión de { $minutes } minutos.
edit-technique = Elija una técnica de la lista.
edit-licence-state = Elija el estado que la otorgó.
edit-licence-number = Escriba el número tal como aparece impreso (letras, dígitos y guiones).
edit-licence-kind = Elija el tipo de credencial.
edit-licence-expiry = Escriba la fecha de vencimiento impresa: este tipo de credencial vence.
edit-outcome-region = Elija la zona que trabajó.
missing-about = un texto de presentación ("Sobre mí")
missing-location = una ubicación
missing-technique = al menos una técnica
missing-region = al menos una zona de especialidad
missing-training = una entrada en el registro de formación
missing-licence = una licencia o certificación
edit-publish-missing = Antes de publicar, añada { $missing }.
todo-missing = A su perfil le falta { $missing }.
todo-licence-expired = La licencia { $state } { $number } venció el { $date }.
todo-licence-expires = La licencia { $state } { $number } vence el { $date }.
todo-licence-rejected = La licencia { $state } { $number } no se verificó: { $reason }
todo-licence-rejected-silently = La licencia { $state } { $number } no se verificó; no se dio el motivo.
todo-languages-unread = Su lista de idiomas tenía palabras que no pudimos leer como un idioma (“{ $unread }”); elija sus idiomas de la lista y guarde.
todo-confirm-profile = Confirme que su perfil está al día.
todo-confirm-accepting = Confirme si acepta clientes nuevos (la respuesta caduca a los { $days } días).

# Working hours and time off as typed
hours-range-split = Escriba “{ $range }” como un inicio y un fin, como 9:00-12:00 o 9am-5pm.
hours-range-unread = No podemos leer “{ $range }” como un horario; escríbalo como 9:00-12:00 o 1pm-5pm.
hours-range-short = “{ $range }” termina antes de empezar o dura menos de 15 minutos.
hours-ranges-many = Use como máximo { $max } horarios por día.
hours-ranges-overlap = Dos de estos horarios se superponen.
time-off-date = Línea { $line }: escriba una fecha como 2026-12-24 o 12/24/2026, o dos unidas por “al”.
time-off-order = Línea { $line }: el último día es anterior al primero.
time-off-long = Línea { $line }: un periodo libre puede durar como máximo { $max } días.
time-off-many = Use como máximo { $max } líneas.

# The dashboard
dash-hello = Hola, { $name }
dash-signed-in-as = Ha iniciado sesión como { $email }.
dash-listing = Su ficha
dash-suspended = Los administradores del directorio suspendieron su ficha. Comuníquese con ellos para resolverlo.
dash-published = Su perfil está publicado:
dash-see-public = ver su perfil público
dash-unpublish = Retirar la publicación
dash-draft = Su perfil es un borrador. Publíquelo cuando esté completo.
dash-publish = Publicar mi perfil
dash-attention = Requiere su atención
dash-attention-none = Nada por ahora. Gracias por mantener su perfil al día.
dash-up-to-date = Mi perfil está al día
dash-accepting-heading = ¿Acepta clientes nuevos?
dash-said-yes = Usted dijo que sí.
dash-said-no = Usted dijo que no.
dash-said-unknown = No lo confirmó en los últimos 30 días, así que la búsqueda lo muestra como desconocido.
dash-confirm-every = Confírmelo al menos cada 30 días.
dash-accepting-now = ¿Acepta clientes nuevos ahora?
dash-confirm-availability = Confirmar disponibilidad
dash-sections = Secciones del perfil
dash-your-profile = Su perfil
dash-link-profile = Perfil: datos básicos, ubicación, técnicas, práctica clínica, idiomas
dash-link-hours = Horario de trabajo y días libres
dash-link-training = Registro de formación
dash-link-licences = Licencias
dash-link-outcomes = Registros de resultados
dash-link-inbox = Bandeja de entrada
dash-link-password = Cambiar la contraseña
dash-link-security = Seguridad al iniciar sesión: aplicación de autenticación y códigos de recuperación
dash-title = Su panel
dash-saved-published = Su perfil está publicado. Aparecerá en la búsqueda en unos segundos.
dash-saved-unpublished = Su perfil ya no aparece en el directorio.
dash-saved-confirmed = Gracias: su perfil quedó confirmado como al día.
dash-saved = Guardado.
dash-yes-or-no = Elija sí o no.
dash-no-entry = Esa entrada no existe en su perfil.

# Working hours
hours-title = Su horario de trabajo
dash-back = Volver a su panel
hours-intro = Su perfil muestra los horarios libres que resultan de este horario, primero los de los próximos 7 días, y cada resultado de búsqueda muestra su próximo horario libre.
hours-zone = Las horas son las de su consultorio: { $zone }, según su ubicación.
hours-no-zone = No sabemos su zona horaria hasta que indique su ubicación; mientras tanto no se muestran horarios libres.
hours-set-location = Indicar su ubicación
hours-heading = Horario y reglas de reserva
dash-fix-fields = Corrija los campos marcados abajo. No se guardó nada.
hours-weekly = Horario semanal
hours-ranges-hint = Horarios separados por comas, como estos:
hours-empty-day = Deje vacío el día que no trabaje.
hours-lengths = Duraciones de sesión que ofrece
hours-buffer = Minutos libres antes y después de cada visita (0–120)
hours-horizon = Con cuántos días de anticipación se puede reservar (1–365)
hours-notice = Aviso mínimo, en horas (0–336)
hours-time-off = Días libres
hours-time-off-hint = Una fecha o un periodo por línea, como estos:
hours-time-off-range = 12/24/2026 al 12/31/2026
hours-save = Guardar el horario
hours-preview = Sus horarios libres en los próximos 7 días
hours-none-yet = Todavía ninguno.

# Licences
lic-title = Sus licencias
lic-intro = Las licencias nuevas quedan pendientes hasta que un administrador las verifique. Si cambia el número o el estado de una licencia verificada, vuelve a quedar pendiente.
lic-label = Licencia { $state } { $number }
lic-status-pending = Estado: pendiente
lic-status-verified = Estado: verificada
lic-status-rejected = Estado: no verificada
lic-not-verified = No verificada: { $reason }
lic-state = Estado
lic-number = Número
lic-kind = Tipo
lic-kind-state_licence = Licencia estatal
lic-kind-board_certification = Certificación de la junta
lic-expires = Vence
lic-save = Guardar la licencia
lic-add-heading = Añadir una licencia o certificación
lic-issuing-state = Estado que la otorgó
lic-add = Añadir la licencia

# Outcome logs
out-title = Sus registros de resultados
out-intro = Anote el dolor antes y después de una sesión, sin datos que identifiquen al cliente. A partir de 10 registros, su perfil público muestra las medianas, indicando que las informó usted.
out-add-heading = Anotar una sesión
out-date = Fecha de la sesión
out-region = Zona trabajada
out-before = Dolor antes (0–10)
out-after = Dolor después (0–10)
out-add = Anotar la sesión
out-list = Sesiones anotadas
out-export = Exportar como CSV
out-col-date = Fecha
out-col-region = Zona
out-col-before = Antes
out-col-after = Después

# Training ledger
train-title = Su registro de formación: { $hours } horas
train-intro = El total es la suma de las entradas; su perfil público muestra ambos.
train-entry = Entrada de formación { $course }
train-course = Curso
train-provider = Centro de formación
train-technique = Técnica
train-general = General
train-hours = Horas
train-completed = Terminado
train-save = Guardar la entrada
train-remove = Quitar la entrada
train-add-heading = Añadir un curso
train-add = Añadir el curso

# The profile editor
edit-title = Editar su perfil
edit-intro = Cada sección se guarda por separado.
edit-fix = Corrija los campos marcados abajo. No se guardó nada de esa sección.
edit-basics = Datos básicos
edit-display-name = Nombre que ven los clientes
edit-practice-name = Nombre del consultorio
edit-public-email = Correo electrónico público
edit-bio = Sobre usted y su forma de trabajar
edit-bio-es = Sobre usted, en español (opcional)
edit-bio-es-hint = Se muestra en lugar del texto anterior a quienes leen el sitio en español.
edit-save-basics = Guardar los datos básicos
edit-location = Ubicación
edit-location-hint = Si atiende en su casa o a domicilio, deje la calle vacía; su página mostrará solo la ciudad.
edit-street = Calle y número (opcional)
edit-city = Ciudad
edit-zip-label = Código postal (ZIP)
edit-save-location = Guardar la ubicación
edit-focus = Técnicas y zonas de especialidad
edit-techniques-legend = Técnicas que ofrece
edit-regions-legend = Zonas en las que se especializa
edit-save-focus = Guardar técnicas y zonas
edit-practice = Consultorio y práctica clínica
edit-rather-not-say = Prefiero no decirlo
edit-save-practice = Guardar el consultorio
edit-special = Formación especial
edit-special-hint = Cada una requiere un curso correspondiente en su registro de formación:
edit-prenatal-label = Formación en masaje prenatal
edit-oncology-label = Formación en masaje oncológico
edit-save-special = Guardar la formación especial
edit-currency-label = Moneda
edit-languages-legend = Idiomas en los que trabaja
edit-languages-unread = Su lista anterior también decía “{ $unread }”, que no es uno de estos idiomas. Elija de la lista y guarde; al guardar queda resuelto.
edit-accessibility-legend = Accesibilidad
edit-save-languages = Guardar idiomas y accesibilidad

# Dates in lists
date-stamp = { $day } { $month } { $year }, { $time } { $zone }

# The inbox
inbox-title = Su bandeja de entrada
inbox-proposed = Usted propuso este horario; queda reservado para el cliente hasta el { $until }.
inbox-waiting = Espera su respuesta; reservado hasta el { $until }.
inbox-booked = Reservada.
inbox-past = Ya pasó.
inbox-declined = Usted la rechazó.
inbox-cancelled = Cancelada.
inbox-taken = Ocupada por una solicitud anterior.
inbox-lapsed = Caducó sin respuesta.
inbox-name-erased = (nombre borrado)
inbox-propose-choose = Elija un horario y una duración para proponer.
inbox-no-answer = Esa respuesta no existe.
inbox-no-request = Esa solicitud no existe.

# The inbox page
inbox-zone = Las horas están en la zona horaria de su consultorio ({ $zone }).
inbox-utc = Las horas están en UTC: añada el código postal de su consultorio para verlas en su zona horaria.
inbox-visits = Visitas
inbox-minutes = { $minutes } minutos
inbox-accept = Aceptar
inbox-decline = Rechazar
inbox-propose-label = Proponer otro horario
inbox-length = Duración
inbox-propose = Proponer este horario
inbox-no-visits = Todavía no hay visitas. Las personas eligen un horario libre en su página cuando usted indica su horario de trabajo:
inbox-comments = Comentarios de clientes
inbox-comments-intro = Comentarios que los clientes escribieron en sus informes después de una visita; se muestran en su página cuando nuestros administradores los aprueban. Puede responder a cada uno una vez, en público.
inbox-your-answer = Su respuesta:
inbox-public-answer = Su respuesta pública
inbox-answer = Responder
inbox-no-comments = Todavía no hay comentarios aprobados.
inbox-feed = Calendario suscrito
inbox-feed-intro = Suscríbase a sus visitas reservadas desde cualquier aplicación de calendario con una dirección privada. No la comparta: cualquiera que la tenga ve sus visitas.
inbox-feed-new = Su nueva dirección de calendario, que se muestra solo esta vez. Cópiela ahora en su aplicación de calendario:
inbox-feed-made = Su dirección de calendario se creó el { $made }. Si la perdió, o alguien más la tiene, cree una nueva: la anterior deja de funcionar.
inbox-feed-replace = Crear una nueva dirección de calendario
inbox-feed-create = Crear una dirección de calendario
inbox-messages = Mensajes
inbox-messages-intro = Solicitudes de cita escritas desde su página. Responda por correo electrónico.
inbox-no-messages = Todavía no hay mensajes.

# Outcome summary
out-summary = Dolor mediano { $before } → { $after } en { $count } sesiones (se muestra en su perfil público).
train-heading = Su registro de formación

# Profile editor questions
edit-cp-whole-session = ¿Dedica una sesión entera a una sola zona, como la parte baja de la espalda, las caderas y los muslos?
edit-cp-myofascial = ¿Usa técnicas miofasciales?
edit-cp-posture = ¿Evalúa la postura y explica los desequilibrios posturales?
edit-cp-referral = ¿Trabaja con el dolor referido, como el de las caderas que causa dolor en la parte baja de la espalda?
edit-cp-minimal-oil = ¿Trabaja casi siempre sin aceite, y lo usa solo al final?
edit-no-section = Esa sección del perfil no existe.

# Account pages
acct-join = Únase como profesional
acct-join-intro = Cree su cuenta y luego arme un perfil con su licencia, su formación y sus técnicas. Las personas con dolor le encontrarán cuando esté completo y publicado.
acct-create = Crear la cuenta
acct-display-name = Su nombre, tal como lo ven los clientes
acct-email = Correo electrónico
acct-new-password-first = Contraseña (al menos 10 caracteres)
acct-have-account = ¿Ya tiene una cuenta? Inicie sesión
acct-check-email = Revise su correo
acct-check-email-signup = Le enviamos un enlace para confirmar su correo electrónico. Ábralo para terminar de registrarse.
acct-email-confirmed = Correo confirmado
acct-email-confirmed-text = Gracias: su correo electrónico quedó confirmado. Ya puede iniciar sesión y armar su perfil.
acct-login-intro = Inicie sesión para mantener al día su perfil de profesional, o en su cuenta de administrador.
acct-login = Iniciar sesión
acct-password = Contraseña
acct-forgot-link = ¿Olvidó su contraseña?
acct-new-here = ¿Es nuevo? Únase como profesional
acct-password-reset-done = Su contraseña se cambió. Inicie sesión con la nueva.
acct-reset-title = Restablecer su contraseña
acct-forgot-intro = Escriba el correo electrónico de su cuenta y le enviaremos un enlace para elegir una contraseña nueva.
acct-send-link = Enviar el enlace
acct-back-login = Volver a iniciar sesión
acct-forgot-sent = Si alguna cuenta usa esa dirección, le enviamos un enlace para elegir una contraseña nueva. El enlace funciona durante una hora.
acct-choose-title = Elija una contraseña nueva
acct-choose-intro = Elija una contraseña nueva. Se cerrará la sesión en todos los dispositivos conectados a su cuenta.
acct-save-password = Guardar la contraseña nueva
acct-new-password = Contraseña nueva (al menos 10 caracteres)
acct-change-title = Cambie su contraseña
acct-change-intro = Al cambiar su contraseña se cierra la sesión en todos los demás dispositivos.
acct-current-password = Contraseña actual
acct-password-changed = Contraseña cambiada
acct-password-changed-text = Su contraseña se cambió y se cerró la sesión en los demás dispositivos.

# Sign-in security
sec-fresh-check = Para añadir otro segundo factor, el actual debe haberse comprobado en los últimos 10 minutos: cierre la sesión, vuelva a iniciarla y luego añádalo.
sec-enter-code = Escriba su código
sec-enter-code-intro = Abra su aplicación de autenticación y escriba el código de 6 dígitos que muestra para Clinical Therapist Finder. ¿Perdió su dispositivo? Escriba en su lugar uno de sus códigos de recuperación.
sec-code-label = Código de su aplicación, o un código de recuperación
sec-restart = Volver a empezar el inicio de sesión
sec-admin-needs = Los administradores deben tener un segundo factor: configure una aplicación de autenticación antes de usar las páginas de administración.
sec-app-removed = Se quitó su aplicación de autenticación.
sec-passkey-added = Se añadió su llave de acceso.
sec-passkey-removed = Se quitó la llave de acceso.
sec-done = Listo.
sec-enrol-title = Configure una aplicación de autenticación
sec-codes-title = Sus códigos de recuperación
sec-enrol-changed = El formulario de configuración cambió. Vuelva a abrir la página de configuración.
sec-app-replaced-title = Aplicación de autenticación configurada
sec-app-replaced = Su nueva aplicación de autenticación quedó configurada y la anterior ya no funciona. Sus códigos de recuperación no cambian.
sec-back = Volver a la seguridad al iniciar sesión
sec-step-up-title = Confirme que es usted
sec-step-up-intro = Decisiones como esta requieren que su segundo factor se haya comprobado en los últimos 10 minutos. Escriba el código que su aplicación de autenticación muestra ahora, o un código de recuperación, y su decisión seguirá tal como la tomó.
sec-step-up-submit = Confirmar y continuar
sec-step-up-cancel = Cancelar y volver a las páginas de administración
sec-no-destination = Falta el destino de este formulario.

# Passkeys
pk-no-domain = Las llaves de acceso requieren que el sitio se sirva con un nombre de dominio.
pk-remove-fresh = Para quitar una llave de acceso, su segundo factor debe haberse comprobado en los últimos 10 minutos: cierre la sesión, vuelva a iniciarla y luego quítela.
pk-none = Esta cuenta no tiene llave de acceso.
pk-too-long = Ese inicio de sesión esperó demasiado su segundo factor. Vuelva a iniciar sesión.
acct-login-expired = Ese inicio de sesión esperó más de { $minutes } minutos su código. Vuelva a iniciar sesión.

# Authenticator app pages
sec-scan = Abra su aplicación de autenticación y añada una cuenta escaneando este código.
sec-type-secret = ¿No puede escanearlo? Escriba en la aplicación esta clave secreta (un código por tiempo, de 6 dígitos, cada 30 segundos):
sec-setup-address = O abra esta dirección de configuración
sec-enter-shown = Escriba el código que la aplicación muestra ahora.
sec-current-app-code = Código de su aplicación actual (deja de funcionar cuando la nueva quede configurada)
sec-new-app-code = Código de la aplicación nueva
sec-turn-on = Activarla
sec-cancel = Cancelar
inv-intro = Le invitaron a ser administrador del directorio como { $email }. Elija una contraseña y configure una aplicación de autenticación: los administradores necesitan ambas.
inv-code = El código que la aplicación muestra ahora
inv-accept = Hacerse administrador
sec-codes-keep = Guarde estos diez códigos en un lugar seguro, lejos de su dispositivo: imprímalos o guárdelos en un gestor de contraseñas. Cada uno le permite iniciar sesión una vez si pierde su dispositivo. Solo se muestran ahora; cualquier juego anterior deja de funcionar.
sec-codes-kept = Ya los guardé: continuar
sec-use-passkey = Usar una llave de acceso

# The sign-in security page
sec-app = Aplicación de autenticación
sec-app-on = Activada. Cada inicio de sesión pide, después de la contraseña, el código de 6 dígitos que muestra su aplicación.
sec-app-replace = Reemplazar su aplicación de autenticación
sec-admin-keep = Los administradores deben conservar un segundo factor, así que no se puede desactivar aquí; otro administrador puede restablecerlo si pierde su dispositivo y sus códigos de recuperación.
sec-app-off-code = Para desactivarla, escriba un código de su aplicación o un código de recuperación
sec-app-off = Desactivar la aplicación de autenticación
sec-app-is-off = Desactivada. Con una aplicación, como un gestor de contraseñas o un autenticador en su teléfono, una contraseña robada no basta para abrir su cuenta.
sec-passkeys = Llaves de acceso
sec-passkeys-intro = Una llave de acceso la guarda su teléfono, su computadora o su llave de seguridad, y se desbloquea con su huella, su cara o su PIN. Añada todas las que quiera.
sec-passkey-used = { $name }: añadida el { $added }, usada por última vez el { $used }
sec-passkey-unused = { $name }: añadida el { $added }
sec-remove = Quitar
sec-passkey-name = Nombre de la nueva llave de acceso (por ejemplo, el dispositivo donde está)
sec-passkey-add = Añadir una llave de acceso
sec-passkey-js = Para añadir o usar una llave de acceso hace falta JavaScript; una aplicación de autenticación funciona sin él.
sec-passkey-no-domain = Las llaves de acceso requieren que el sitio se sirva con un nombre de dominio; use una aplicación de autenticación.
sec-codes = Códigos de recuperación
sec-codes-left = Le quedan { $left } de 10. Cada uno le permite iniciar sesión una vez si pierde su dispositivo.
sec-codes-new-code = Para crear un juego nuevo (el anterior deja de funcionar), escriba un código de su aplicación o un código de recuperación
sec-codes-new = Crear códigos de recuperación nuevos
sec-back-home = Volver
sec-title = Seguridad al iniciar sesión

# Scripts' words
map-skip = Saltar el mapa
map-street = Mapa de calles.
near-unavailable = Ubicación no disponible
pk-follow-use = Siga las indicaciones de su navegador para usar su llave de acceso.
pk-follow-create = Siga las indicaciones de su navegador para crear la llave de acceso.
pk-failed = No se pudo usar la llave de acceso.
pk-or-code = Puede escribir un código en su lugar.

# Admin pages
adm-queue-link = Cola de verificación de licencias
adm-waiting = { $count } en espera
adm-rosters-link = Padrones estatales y correspondencia de columnas
adm-reports-link = Avisos de fichas incorrectas
adm-open = { $count } abiertos
adm-client-reports-link = Informes de clientes
adm-client-reports-what = comentarios por aprobar, informes señalados y avisos privados de seguridad
adm-listings-link = Fichas y suspensiones
adm-audit-link = Registro de auditoría
adm-admins-link = Administradores: invitar, quitar, restablecer un segundo factor perdido
adm-security-link = Su seguridad al iniciar sesión
adm-jobs = Actualizaciones de la búsqueda
adm-jobs-intro = Cada cambio en una ficha pone en cola una actualización del índice de búsqueda.
adm-jobs-waiting = En espera
adm-jobs-retrying = { $count } en reintento tras un fallo
adm-jobs-running = En curso
adm-jobs-failed = Abandonadas
adm-jobs-oldest = La más antigua espera desde
adm-jobs-error = Último error
adm-listings = Fichas
adm-listings-intro = Busque por nombre o identificador; sin búsqueda se muestran las fichas suspendidas.
adm-name-or-slug = Nombre o identificador
adm-find = Buscar
adm-suspended = suspendida: { $reason }
adm-listed = publicada
adm-draft = borrador
adm-lift = Levantar la suspensión
adm-suspend-reason = Motivo de la suspensión
adm-suspend = Suspender
adm-no-listings = No se encontraron fichas.
adm-audit-intro = Cada decisión de los administradores, la más reciente primero. Las entradas no se pueden editar ni borrar.
adm-audit-actor = Correo de quien actuó
adm-audit-subject = Objeto (p. ej., licence:12)
adm-audit-action = Acción (p. ej., licence.approve)
adm-filter = Filtrar
adm-audit-entries = Entradas de auditoría
adm-col-when = Cuándo (UTC)
adm-col-actor = Quién
adm-col-action = Acción
adm-col-subject = Objeto
adm-invite = Invitar a un administrador
adm-invite-intro = La persona invitada recibe un enlace, válido durante 72 horas, para elegir una contraseña y configurar una aplicación de autenticación.
adm-invite-send = Enviar la invitación
adm-members = Administradores e invitaciones pendientes
adm-you = usted
adm-invited-since = Invitado el { $since }; todavía no aceptó.
adm-member-app-on = Administrador desde el { $since }. Aplicación de autenticación: activada, le quedan { $left } códigos de recuperación.
adm-member-app-off = Administrador desde el { $since }. Aplicación de autenticación: todavía sin configurar.
adm-reset-factor = Restablecer el segundo factor
adm-withdraw = Retirar la invitación
adm-remove = Quitar como administrador
adm-queue-intro = la más antigua primero, { $count } en espera en esta vista. Compruebe cada solicitud en la consulta pública de la junta antes de aprobarla.
adm-all-states = Todos los estados
adm-all-kinds = Todos los tipos
adm-latest-roster = Último padrón estatal
adm-either = Cualquiera
adm-number-on = Número incluido
adm-number-off = Número no incluido
adm-show = Mostrar
adm-showing = Se muestran { $first }–{ $last } de { $total } (página { $page } de { $pages }).
adm-status = Estado
adm-status-verified = verificada
adm-status-rejected = no verificada
adm-status-pending = pendiente
adm-submitted = Enviada
adm-board = Junta
adm-board-lookup = { $board }: consulta pública de licencias
adm-state-lookup = La consulta pública de licencias del estado
adm-board-no-lookup = { $board } (no consta la dirección de su consulta pública)
adm-no-board = No consta ninguna junta para este estado: busque su junta de licencias antes de aprobar.
adm-unregulated = Este estado no tiene una junta de licencias de masaje registrada: compruebe la solicitud de otra manera, o recházela.
adm-needs-review = Requiere revisión
adm-roster-row = Fila del padrón
adm-not-on-roster = No figura en el último padrón
adm-history = Historial
adm-no-other = No tiene otras licencias
adm-verified-by = Verificada mediante
adm-approve = Aprobar
adm-reject-reason = Motivo del rechazo (lo ve el profesional)
adm-reject = Rechazar
adm-view-empty = No hay nada en espera en esta vista.
adm-queue-empty = La cola está vacía.
adm-queue-pages = Páginas de la cola
adm-older = Más antiguas: página { $page }
adm-newer = Más recientes: página { $page }
adm-cr-intro = Lo que los clientes informaron después de sus visitas. Cada decisión queda en el registro de auditoría:
adm-cr-safety = Avisos de seguridad y de límites ({ $count } abiertos)
adm-cr-private = Privados: nunca se muestran en el sitio.
adm-cr-resolve = Marcar como resuelto
adm-cr-none-open = Ninguno abierto.
adm-cr-comments = Comentarios en espera ({ $count })
adm-cr-approve = Mostrarlo
adm-cr-reject = No mostrarlo nunca
adm-cr-none-waiting = Ninguno en espera.
adm-cr-flagged = Informes excluidos de los recuentos ({ $count })
adm-cr-count = Contarlo
adm-cr-none = Ninguno.
adm-reports = Avisos
adm-reports-intro = Primero los avisos abiertos.
adm-report-open = abierto
adm-report-resolved = resuelto
adm-report-contacted = profesional contactado
adm-report-dismissed = descartado
adm-report-contact = Contacto: { $contact }
adm-resolve = Resolver
adm-mark-contacted = Marcar al profesional como contactado
adm-dismiss = Descartar
adm-suspend-listing = Suspender la ficha
adm-no-reports = No hay avisos.

# State rosters
ros-title = Padrones estatales
ros-intro = Importe la lista de licenciatarios de una junta (CSV, con o sin fila de encabezado, tal como la publica la junta). Las licencias que coinciden se verifican con el método “roster”; las discrepancias pasan a la cola con la fila del padrón junto a la solicitud; las licencias verificadas que faltan en el padrón se señalan para revisión. Un archivo que no se puede leer, o con demasiadas filas ilegibles, no aplica nada; un padrón que señalaría como ausente una proporción inusual de licencias verificadas espera su confirmación. Vea primero una vista previa de lo que haría un archivo.
ros-report = Informe de importación para { $state }
ros-preview = Vista previa para { $state }: no se aplicó nada
ros-flagged = Este padrón señaló como ausentes { $missing } de las { $verified } licencias verificadas de { $state }, más del { $percent } %: ¿el archivo está incompleto o es de otro estado?
ros-would-flag = Este padrón señalaría como ausentes { $missing } de las { $verified } licencias verificadas de { $state }, más del { $percent } %: ¿el archivo está incompleto o es de otro estado?
ros-refused-unless = Su importación se rechazará a menos que marque la casilla para aplicarlo de todos modos.
ros-rows-read = Filas leídas
ros-other = Filas de otras profesiones
ros-matched = Coincidentes
ros-verified = Verificadas
ros-conflicts = Discrepancias
ros-invalid = Filas no válidas
ros-missing = Ausentes del padrón
ros-line = Línea { $line }: { $problem }
ros-import-heading = Importar un padrón
ros-choose-state = Elija un estado
ros-date = Fecha del padrón
ros-file = Archivo CSV
ros-dry-run = Solo vista previa: mostrar lo que este archivo verificaría, señalaría y marcaría como ausente, sin aplicar nada
ros-confirm = Aplicarlo aunque señale como ausentes muchas licencias verificadas
ros-code = Para aplicarlo (no para la vista previa): el código que su aplicación de autenticación muestra ahora, o un código de recuperación
ros-import = Importar
ros-mappings = Correspondencia de columnas
ros-by-header = por encabezado
ros-by-position = por posición, sin encabezado
ros-summary = número { $number }, nombre { $name }, vencimiento { $expiry } ({ $format })
ros-has-header = La primera línea del archivo nombra sus columnas (si no, nombre cada columna por su posición: 1, 2, …)
ros-col-number = Columna del número de licencia
ros-col-name = Columna del nombre
ros-col-status = Columna del estado (vacía: el archivo solo lista licencias vigentes)
ros-col-expiry = Columna del vencimiento
ros-active-values = Valores de estado activo (separados por comas)
ros-date-format = Formato de fecha tal como lo escribe la junta (MMDDCCYY, MM/DD/YYYY, YYYY-MM-DD)
ros-col-profession = Columna de la profesión (vacía: cada fila es una licencia de masaje)
ros-profession-values = Valores de profesión que se importan (separados por comas)
ros-prefix = Letras que la junta pone antes de sus números (p. ej., MT)
ros-drop-zeros = La junta quita los ceros iniciales de los números
ros-save = Guardar la correspondencia

# Admin handlers
adm-cr-flagged-return = Dolor { $before } → { $now } ({ $region }); volvería: sí
adm-cr-flagged-no-return = Dolor { $before } → { $now } ({ $region }); volvería: no
adm-cr-own-email = Enviado desde el correo de la propia cuenta del profesional
adm-cr-one-address = Uno de varios informes desde una misma dirección
adm-cr-visit = Visita { $visit }
adm-no-decision = Esa decisión no existe.
adm-done-approved = Licencia aprobada.
adm-done-rejected = Licencia rechazada.
adm-method-board_lookup = Consulta en la junta
adm-method-document_seen = Documento revisado
adm-no-item = Ese elemento no existe.
adm-no-action = Esa acción no existe.
ros-no-state = No se importó nada. Elija el estado al que pertenece este padrón.
ros-bad-date = No se importó nada. La fecha del padrón { $date } no es una fecha como 2026-11-01 o 11/01/2026.
ros-step-up = No se importó nada. Para aplicar un padrón, su segundo factor debe haberse comprobado en los últimos 10 minutos: { $refusal } Luego vuelva a elegir el archivo.
ros-failed = No se importó nada. { $error }
adm-admins = Administradores
adm-done-invited = Invitación enviada. El enlace funciona durante 72 horas.
adm-done-removed = Quitado. Esa cuenta ya no puede iniciar sesión.
adm-done-reset = Segundo factor restablecido. Se cerró la sesión de ese administrador en todas partes y configurará uno nuevo al iniciar sesión.
adm-no-admin = Ese administrador no existe.
inv-form-changed = El formulario cambió. Vuelva a abrir el enlace de la invitación.

# Accounts
acct-wrong-credentials = El correo electrónico o la contraseña no son correctos.
acct-unverified = Primero confirme su correo electrónico: le enviamos un enlace nuevo.
acct-bad-token = Este enlace no es válido o ya venció. Pida uno nuevo.
mail-verify-subject = Confirme su correo electrónico
mail-verify =
    Le damos la bienvenida a Clinical Therapist Finder.
    
    Confirme su correo electrónico abriendo este enlace en las próximas 48 horas:
    { $link }
    
    Si usted no se registró, ignore este mensaje.
acct-name-invalid = Escriba su nombre (hasta 100 caracteres).
acct-signup-throttled = Demasiados registros desde su red. Espere una hora y vuelva a intentarlo.
mail-exists-subject = Alguien intentó registrarse con su dirección
mail-exists = Ya existe una cuenta con esta dirección. Inicie sesión en { $login }, o restablezca su contraseña en { $reset }.
acct-login-throttled-account = Demasiados intentos fallidos de iniciar sesión en esta cuenta desde su red. Espere 15 minutos o restablezca su contraseña.
acct-login-throttled-network = Demasiados intentos fallidos de iniciar sesión desde su red. Espere 15 minutos y vuelva a intentarlo.
acct-login-throttled-everywhere = Esta cuenta tuvo muchos intentos fallidos desde muchos lugares, así que por ahora solo acepta inicios de sesión desde navegadores conocidos. Espere 15 minutos, o restablezca su contraseña para iniciar sesión desde este navegador.
acct-reset-throttled = Demasiadas solicitudes de restablecimiento. Espere una hora, o use el enlace más reciente que le enviamos.
mail-reset-subject = Restablezca su contraseña
mail-reset =
    Abra este enlace en la próxima hora para elegir una contraseña nueva:
    { $link }
    
    Si usted no lo pidió, ignore este mensaje.
acct-not-current = Esta no es su contraseña actual.
acct-password-short = Use al menos { $min } caracteres.

# Second factors
sec-code-mismatch = Ese código no coincide. Compruebe que la hora de su dispositivo sea correcta y escriba el código que su aplicación muestra ahora.
mail-app-added-subject = Se añadió una aplicación de autenticación a su cuenta
mail-app-added =
    Se acaba de configurar una aplicación de autenticación como segundo factor de su cuenta de Clinical Therapist Finder.
    
    Si no fue usted, restablezca su contraseña de inmediato y avise a los administradores del directorio.
sec-admin-keep-app = Los administradores deben conservar un segundo factor. Configure una aplicación nueva que reemplace a esta, o añada antes una llave de acceso.
mail-factor-reset-subject = Se restableció su segundo factor
mail-factor-reset = Un administrador de Clinical Therapist Finder restableció el segundo factor de su cuenta y cerró su sesión en todas partes. Vuelva a iniciar sesión para configurar uno nuevo.
sec-throttled = Demasiados códigos incorrectos. Espere 15 minutos y vuelva a intentarlo.
sec-wrong-code = Ese código no es correcto, o ya se usó. Escriba el código que su aplicación muestra ahora, o un código de recuperación.
pk-name-invalid = Ponga un nombre a la llave de acceso (hasta 60 caracteres), por ejemplo el del dispositivo donde está.
pk-not-added = No se pudo añadir la llave de acceso. Vuelva a intentarlo, o use una aplicación de autenticación.
mail-passkey-added-subject = Se añadió una llave de acceso a su cuenta
mail-passkey-added =
    Se acaba de añadir una llave de acceso llamada “{ $name }” como segundo factor de su cuenta de Clinical Therapist Finder.
    
    Si no fue usted, restablezca su contraseña de inmediato y avise a los administradores del directorio.
pk-no-such = Esa llave de acceso no existe.
pk-admin-keep = Los administradores deben conservar un segundo factor. Añada antes otra llave de acceso o una aplicación de autenticación.

# Admins
inv-bad-token = Este enlace de invitación no es válido, ya se usó o tiene más de 72 horas. Pida uno nuevo a un administrador.
inv-has-account = Esta dirección ya tiene una cuenta. Invite a una dirección propia.
mail-invite-subject = Le invitan a ser administrador de Clinical Therapist Finder
mail-invite =
    Un administrador de Clinical Therapist Finder le invitó a ayudar a verificar licencias y a mantener la confianza en el directorio.
    
    En las próximas { $hours } horas, abra este enlace para elegir una contraseña y configurar una aplicación de autenticación (los administradores necesitan una):
    { $link }
    
    Si no esperaba este mensaje, ignórelo.
adm-no-self-removal = Otro administrador debe quitarle: un administrador no puede quitar su propia cuenta.
adm-last-admin = El directorio necesita al menos un administrador.
adm-no-self-reset = Use su propia página de seguridad al iniciar sesión, o pídaselo a otro administrador.

# Access
csrf-refused = Este formulario venció o no viene de este sitio. Vuelva atrás, recargue la página e inténtelo de nuevo.
form-not-utf8 = El formulario no estaba en UTF-8.
form-unreadable = No se pudo leer el formulario.
auth-practitioners-only = Esta página es para profesionales.
auth-admins-page = Esta página es para los administradores del directorio.
auth-log-in-first = Inicie sesión primero.
auth-no-profile = Solo los profesionales tienen un perfil.
auth-log-in-admin = Inicie sesión primero como administrador.
auth-admin-factor = Los administradores necesitan un segundo factor antes que nada.
auth-admins-only = Solo para administradores.
auth-admin-enrol = Los administradores necesitan un segundo factor: configúrelo en { $page } y vuelva a iniciar sesión.
auth-step-up = Confirme primero su segundo factor en el sitio: las decisiones requieren uno comprobado en los últimos 10 minutos.

# Licence decisions and expiry mail
adm-choose-method = Elija cómo la verificó.
adm-reason-invalid = Dé un motivo con el que el profesional pueda actuar (hasta 500 caracteres).
mail-licence-verified-subject = Su licencia está verificada
mail-licence-verified =
    La licencia { $licence } está verificada ({ $how }), y su perfil ya la muestra como verificada.
    
    Sus licencias: { $link }
mail-method-board_lookup = comprobada en la consulta de la junta
mail-method-document_seen = se revisó el documento de la licencia
mail-licence-rejected-subject = No se pudo verificar su licencia
mail-licence-rejected =
    No se pudo verificar la licencia { $licence }.
    
    El motivo: { $reason }
    
    Corríjala, o vuelva a añadir la licencia con los datos correctos, en { $link }
mail-licence-expired-subject = Su licencia venció
mail-licence-expired = La licencia { $licence } pasó su fecha de vencimiento, así que su perfil ya no la muestra como verificada. Añada la licencia renovada en { $link }.
mail-licence-expiring-subject = Su licencia vence pronto
mail-licence-expiring = La licencia { $licence } vence el { $date }. Renuévela y actualícela en { $link } para que su perfil siga verificado.
lic-status-expired = Estado: vencida
adm-status-expired = vencida

# Mail to practitioners about visits
mail-practice-a-client = Un cliente
invite-summary = Visita de masaje con { $name }
invite-description = { $minutes } minutos con { $name }. { $profile }
mail-practice-held-subject = Nueva solicitud de visita
mail-practice-held =
    { $client } pide una visita de { $minutes } minutos el { $when }. El horario queda reservado hasta el { $until }; después vuelve a quedar libre.
    
    Acepte, rechace o proponga otro horario en su bandeja de entrada: { $inbox }
mail-practice-booked-subject = Visita confirmada
mail-practice-moved-subject = Visita cambiada de horario
mail-practice-booked =
    Su visita de { $minutes } minutos con { $client } es el { $when }. La invitación va adjunta para su calendario.
    
    Para cancelar o cambiar la visita: { $link }
mail-practice-cancelled-subject = Visita cancelada
mail-practice-cancelled-by-client = El cliente canceló la visita del { $when } con { $client }. El horario vuelve a estar libre.
mail-practice-cancelled-by-you = El profesional canceló la visita del { $when } con { $client }. El horario vuelve a estar libre.
mail-practice-withdrawn-subject = Solicitud de visita retirada
mail-practice-withdrawn = { $client } retiró la solicitud para el { $when }. El horario vuelve a estar libre.
mail-contact-subject = Nueva solicitud de cita
mail-contact = Tiene una nueva solicitud de cita. Léala en su bandeja de entrada: { $inbox }

# Visit report errors
report-err-number = Elija un número del 0 al 10.
report-err-area = Elija la zona tratada.
report-err-comment = El comentario puede tener como máximo { $max } caracteres de texto.
report-err-twice = Ya se informó sobre esta visita. Puede borrar el informe en esta página.
report-err-none = No hay ningún informe para borrar.
report-err-what = Cuente qué pasó, en hasta { $max } caracteres.
report-err-reply = Escriba una respuesta de hasta { $max } caracteres.
report-err-answered = Este comentario ya tiene respuesta, o no se muestra.
report-err-decided = Esto ya se decidió, o no existe.
report-err-not-yet = Solo se puede informar sobre una visita que ya tuvo lugar.

# Visit answers
visit-err-not-waiting = Esta solicitud ya no espera su respuesta: se respondió, se retiró o su reserva caducó.
visit-err-cancelled = Esta visita se canceló.
visit-err-declined = Esta solicitud se rechazó.
visit-err-past = La hora de esta visita ya pasó.
visit-err-unchangeable = Esta visita ya no se puede cambiar desde este enlace.
visit-err-not-open = Ese horario no está libre para { $minutes } minutos. Elija uno de los horarios libres.

# Forms
form-one-value = Indique un solo valor, no varios.
form-unread-field = No se pudo leer ({ $detail }).
form-unread = No se pudo leer parte de lo enviado. { $fields }

# Errors
error-too-large = Lo enviado es más grande de lo que acepta este formulario.
error-internal = Algo falló de nuestro lado. Vuelva a intentarlo.
error-unavailable = Un servicio que necesita esta página no está disponible. Vuelva a intentarlo en un momento.
visit-err-not-found = Esa visita o enlace no existe.

# Moderation
report-wrong-what = Diga qué está mal (hasta 2000 caracteres).
report-wrong-contact = El contacto debe tener menos de 200 caracteres.
adm-unknown-outcome = Resultado desconocido.
adm-suspend-reason-invalid = Indique el motivo de la suspensión (hasta 500 caracteres).
search-too-many-words = Busque con un máximo de { $words } palabras, de { $chars } caracteres como máximo cada una.

# API
api-no-endpoint = Ese punto de acceso de la API no existe.
api-no-practitioner = No hay ningún profesional publicado con este identificador.
api-visit-requested = Le enviamos por correo un enlace para confirmar la solicitud; funciona durante 24 horas. Una vez confirmada, el horario queda reservado 24 horas a la espera de la respuesta del profesional.

# Re-sending answers in another language
results-other-language = Las mismas respuestas en:

# Structured data of a profile
credential-board-certification = Certificación de la junta en masaje terapéutico
credential-state-licence = Licencia estatal de masoterapia
credential-verified-on = Verificada por el directorio el { $date }.
credential-verified = Verificada por el directorio.
credential-expired = Vencida.
credential-unverified = Todavía no verificada por el directorio.

# Not found
error-no-file = Ese archivo no existe.
error-no-calendar = Ese calendario no existe.
error-no-sitemap = Ese mapa del sitio no existe.

# Prices and payment
pay-length-not-offered = Usted no ofrece sesiones de { $minutes } minutos: elija primero sus duraciones en su horario de trabajo.
pay-note-too-long = La nota debe ser una sola línea de como máximo { $max } caracteres.
pay-options = Elija formas de pago de la lista.
pay-insurers = Indique como máximo { $max } aseguradoras, una por línea, de como máximo { $chars } caracteres cada una.
pay-npi = Un NPI tiene 10 dígitos y el último comprueba los demás; este no lo cumple. Cópielo de su registro en NPPES.
pay-title = Precios y formas de pago
pay-intro = Quienes eligen un masaje clínico preguntan primero cuánto cuesta una sesión y si pueden pagar con su HSA o FSA. Su perfil muestra lo que complete aquí.
pay-prices = Precio de una sesión, según su duración
pay-prices-hint = Importes enteros; deje vacía una duración para no mostrar su precio. Las duraciones son las que ofrece en su horario de trabajo:
pay-sliding-scale = Ofrezco una escala de precios según ingresos
pay-note = Una nota sobre los precios (opcional, una línea)
pay-how = Cómo se puede pagar
payment-cash = Efectivo
payment-card = Tarjeta de crédito o débito
payment-hsa_fsa = Tarjeta HSA o FSA
payment-itemised_receipts = Recibos detallados para reclamar a su HSA/FSA o a su seguro
payment-injury_claims = Reclamaciones por accidente de tránsito (PIP) y de compensación laboral, con remisión de un médico
pay-insurers-label = Aseguradoras a las que factura directamente (opcional)
pay-insurers-hint = Una por línea, como máximo 10.
pay-npi-label = Su NPI (opcional)
pay-npi-hint = El Identificador Nacional de Proveedor (NPI) de 10 dígitos de su registro en NPPES, si lo tiene.
pay-save = Guardar precios y formas de pago
edit-payment-link = Precios por duración, HSA/FSA, aseguradoras y NPI

# Cost and payment on a profile
profile-cost = Costo y formas de pago
profile-price-amount = { $amount } { $currency }
profile-offer = Sesión de masaje de { $minutes } minutos
profile-sliding-scale = Se ofrece una escala según ingresos: pregunte por un precio más bajo si lo necesita.
profile-pay-with = Formas de pago:
profile-hsa-explained = Una HSA o FSA puede pagar un masaje cuando un médico documenta que trata una afección concreta, por lo general en una carta de necesidad médica (Publicación 502 del IRS). Pida un recibo detallado para su reclamación.
profile-insurers = Factura directamente a estas aseguradoras:
profile-npi = NPI: { $npi }

# API parameters
param-radius = debe ser un número mayor que 0 y como máximo { $max }
param-radius-both = indique radius_km o radius_mi, no ambos
param-radius-missing = indique radius_km o radius_mi
param-not-number = { $value } no es un número
param-flag = debe ser true o false
param-language = debe ser un código de idioma: { $codes }
param-range = debe ser un número de { $min } a { $max }
param-accessibility = { $value } no es una característica de accesibilidad; use { $choices }
param-modality = { $value } no es una técnica de nuestra lista
param-one-of = debe ser uno de estos: { $choices }
param-approach = { $value } no es un enfoque; use clinical, mixed o relaxation
param-sort = { $value } no es un orden; use distance o approach
param-unknown = no es un parámetro de esta búsqueda; los parámetros son: { $known }

# The letter of medical necessity
letter-title = Carta de necesidad médica
letter-heading = Carta de necesidad médica para masoterapia
letter-why = Una HSA o FSA puede pagar la masoterapia cuando un médico documenta que trata una afección concreta: entonces es atención médica según la sección 213(d) del código tributario (Publicación 502 del IRS). Esta carta es lo que piden la mayoría de los planes. Llévesela a su médico, que la completa, la firma y guarda una copia; guarde la suya con sus recibos. No se guarda nada de lo que respondió.
letter-doctor-first = Primero, se pide al médico que descarte
letter-patient = Paciente
letter-name = Nombre:
letter-birth = Fecha de nacimiento:
letter-condition = La afección, en palabras del paciente
letter-massage = Masoterapia adecuada
letter-massage-intro = Masaje de orientación clínica por un masajista con licencia, por ejemplo:
letter-for-doctor = Para que la complete el médico
letter-diagnosis = Diagnóstico:
letter-icd10 = Código(s) CIE-10 (ICD-10):
letter-frequency = Frecuencia recomendada (sesiones por semana o por mes):
letter-duration = Durante cuánto tiempo (semanas o meses):
letter-statement = Certifico que la masoterapia es médicamente necesaria para tratar la afección descrita, y que el paciente no la buscaría de otro modo.
letter-doctor-name = Nombre del médico:
letter-doctor-licence = Número de licencia y estado:
letter-doctor-npi = NPI:
letter-signature = Firma:
letter-date = Fecha:
letter-not-now = Sus respuestas indican atención médica antes de cualquier masaje, así que ahora no hay carta que preparar. Vuelva a su resultado para ver qué hacer.
letter-offer-heading = Pagar con una HSA o FSA
letter-offer = Una HSA o FSA puede pagar un masaje que un médico documente como tratamiento de una afección. Prepare una carta para que su médico la complete y firme.
letter-open = Preparar una carta de necesidad médica

# Cost filters and cards
search-hsa-fsa = Acepta tarjetas HSA/FSA
search-injury-claims = Acepta PIP / compensación laboral
search-max-price = Precio máximo por 60 minutos
card-price-60 = 60 min: { $amount } { $currency }
card-hsa-fsa = HSA/FSA

# State roster imports
roster-name-column = Indique la columna de { $column } (su encabezado, o su posición, como 2).
roster-column-number = número de licencia
roster-column-name = nombre
roster-column-expiry = vencimiento
roster-active-values = Con una columna de estado, indique al menos un valor de estado activo.
roster-profession-values = Con una columna de profesión, indique los valores que marcan las licencias de masaje.
roster-by-position = El archivo no tiene fila de encabezado, así que indique cada columna por su posición (1, 2, …), no `{ $column }`.
roster-date-format = El formato de fecha no describe una fecha completa (pruebe MMDDCCYY, MM/DD/YYYY o YYYY-MM-DD).
roster-reading-stopped = la lectura del archivo se detuvo: { $error }
roster-no-massage-rows = ninguna de las { $rows } filas es una licencia de masaje ({ $why }): ¿es el archivo y el formato correctos?
roster-no-rows = el archivo no tiene filas que importar
roster-no-jurisdiction = No existe la jurisdicción { $code }.
roster-header-unread = no se puede leer la fila de encabezado ({ $error })
roster-column-at = columna { $position }
roster-column-at-named = columna { $position } ({ $header })
roster-column-called = columna { $name }
roster-no-such-column = no hay ninguna columna `{ $name }` en el encabezado; edite la correspondencia de columnas de este estado
roster-must-be-position = el archivo no tiene encabezado, así que `{ $name }` debe ser una posición de columna
roster-mapping-no-column = la correspondencia no indica ninguna columna
roster-fields = se esperaban { $expected } campos y hay { $found }
roster-not-utf8 = el texto no está en UTF-8
roster-other-profession = { $column }: { $value } no es { $wanted }
roster-not-number = { $column }: { $value } no es un número de licencia
roster-not-name = { $column }: { $value } no es un nombre
roster-not-date = { $column }: { $value } no es una fecha como { $format }
roster-line-error = línea { $line }: { $reason }
roster-too-many-invalid = no se pudieron leer { $invalid } de { $rows } filas (más del { $percent } % permitido), así que la correspondencia o el archivo están mal; la primera: { $first }
roster-needs-confirmation = este padrón señalaría como ausentes { $missing } de las { $verified } licencias verificadas (más del { $percent } %): ¿un archivo incompleto o de otro estado? No se aplicó nada; confirme para aplicarlo de todos modos

## Recibos
receipt-title = Recibos
dash-link-receipts = Recibos para reclamos a HSA/FSA y seguros
receipt-intro = Un recibo detallado de una visita, para el reclamo de su cliente a su HSA/FSA o a su seguro. Cada recibo tiene un número y se lee igual cada vez que se imprime. Solo usted ve sus recibos.
receipt-new = Escribir un recibo de una visita
receipt-for-visit = Un recibo de esta visita
receipt-client = Nombre del cliente
receipt-date = Fecha de la visita
receipt-minutes = Duración (minutos)
receipt-procedure = Código de procedimiento
receipt-diagnosis = Código de diagnóstico (CIE-10)
receipt-diagnosis-hint = Solo si su cliente le da uno de su carta de necesidad médica, por ejemplo M54.50.
receipt-amount = Importe pagado ({ $currency })
receipt-paid-by = Forma de pago
receipt-licence = Licencia
receipt-final = Un recibo no se puede cambiar una vez escrito: revise las cifras antes.
receipt-issue = Escribir el recibo
receipt-list = Sus recibos
receipt-export = Descargar todos los recibos (CSV)
receipt-col-number = Número
receipt-col-amount = Importe
receipt-none = Todavía no hay recibos.
receipt-back = Volver a sus recibos
receipt-print = Imprímalo, o guárdelo como PDF desde el cuadro de impresión; se lee igual cada vez.
receipt-heading = Recibo n.º { $number }
receipt-issued = Emitido el { $date }
receipt-from = De
receipt-practice = Consultorio
receipt-address = Dirección
receipt-practitioner = Profesional
receipt-npi = NPI
receipt-for = Para
receipt-service-label = Servicio
receipt-service = { $what }, { $minutes } minutos
receipt-paid = Importe pagado
receipt-signature = Firma del profesional
receipt-not-found = No existe ese recibo.
receipt-form-stale = Este formulario está desactualizado: vuelva a abrir la página de recibos.
receipt-plain-text = Use texto simple, sin caracteres de control.
receipt-date-old = Un recibo llega como mucho a siete años atrás.
receipt-code-unknown = Elija un código de procedimiento de la lista.
receipt-diagnosis-bad = Escriba un código CIE-10 como M54.50: una letra, dos cifras y luego hasta cuatro letras o cifras.
receipt-amount-bad = Escriba el importe pagado, como 95 o 95.00 (como mucho 10,000).
receipt-paid-by-unknown = Elija cómo se pagó la visita.
receipt-licence-missing = Elija la licencia que se imprime; si no tiene ninguna, agréguela primero en la página de licencias.
receipt-code-97124 = Masaje terapéutico
receipt-code-97140 = Terapia manual (liberación miofascial)
receipt-code-97112 = Reeducación neuromuscular
receipt-paid-cash = Efectivo
receipt-paid-card = Tarjeta de crédito o débito
receipt-paid-hsa_fsa = Tarjeta HSA o FSA
receipt-paid-check = Cheque
receipt-paid-transfer = Transferencia bancaria
inbox-receipt-write = Escribir un recibo
inbox-receipt-show = Recibo n.º { $number }

## Copias de seguridad
adm-backups = Copias de seguridad
adm-backups-intro = El servidor hace una copia de su base de datos cada { $every } en { $dir } y conserva las { $keep } más recientes.
adm-backups-last = Último intento
adm-backups-failed = falló:
adm-backups-newest = Más recientes
adm-backups-none = ninguna todavía

## Irse
dash-link-my-data = Descargar todo lo que guardamos sobre usted (JSON)
dash-link-delete = Eliminar su cuenta
leave-title = Eliminar su cuenta
leave-intro = Esto quita de inmediato su ficha de la búsqueda, de los datos abiertos del directorio y del mapa del sitio, y borra su perfil, licencias, registro de formación, registros de resultados, horario, visitas, mensajes y recibos, sus factores de inicio de sesión y su correo electrónico. El registro de auditoría conserva las decisiones de los administradores sobre sus licencias, sin su nombre. No se puede deshacer. Escriba su contraseña para confirmar.
leave-submit = Eliminar mi cuenta definitivamente
leave-download-first = Descargue antes sus datos
leave-wrong-password = Esa no es la contraseña de esta cuenta. No se eliminó nada.
leave-last-admin = Usted es el último administrador: nombre antes a otra persona administradora. No se eliminó nada.
leave-done-title = Su cuenta está eliminada
leave-done = Su ficha y sus datos ya no están, y se cerró su sesión.
